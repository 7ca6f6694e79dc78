import type { Client } from '@temporalio/client';
import { invoiceBusinessKey, type Invoice } from '../../schemas/invoice';
import type { InvoicePolicy } from '../../schemas/invoice-policy';
import type { InvoiceProcessingResult } from '../../schemas/invoice-processing';
import { invoiceProcessing } from '../../workflows/invoice-processing';
import type { FieldError } from '../../schemas/validation';
import { startOnce, type StartOnceOutcome } from '../start-once';
import type { ParsedInvoice } from './read-invoice-file';

export interface InvoiceTarget {
  taskQueue: string;
  botsTaskQueue: string;
  policy: InvoicePolicy;
}

export type StartOutcome = StartOnceOutcome;

/** One line of a batch report: every item of a document ends in exactly one of these. */
export type IntakeOutcome = { item: number; label: string } & (StartOutcome | { outcome: 'invalid'; errors: FieldError[] });

/**
 * Starts processing under the invoice's business key (vendor + invoice number). The id is never reused, even
 * after the first run closed, so a resubmission is reported as a duplicate and never processed or posted twice.
 */
export async function startInvoiceProcessing(client: Client, target: InvoiceTarget, invoice: Invoice, source: string): Promise<StartOutcome> {
  return startOnce(client, invoiceProcessing, {
    taskQueue: target.taskQueue,
    workflowId: invoiceBusinessKey(invoice),
    args: [{ invoice, policy: target.policy, botsTaskQueue: target.botsTaskQueue, source }],
  });
}

/** Starts every valid invoice of a document and reports every item, bad ones with their field errors. */
export async function startInvoiceBatch(client: Client, target: InvoiceTarget, parsed: ParsedInvoice[], source: string): Promise<IntakeOutcome[]> {
  const outcomes: IntakeOutcome[] = [];
  for (const item of parsed) {
    const head = { item: item.index + 1, label: item.label };
    outcomes.push(item.ok ? { ...head, ...(await startInvoiceProcessing(client, target, item.invoice, source)) } : { ...head, outcome: 'invalid', errors: item.errors });
  }
  return outcomes;
}

export async function invoiceProcessingResult(client: Client, workflowId: string): Promise<InvoiceProcessingResult> {
  return client.workflow.getHandle<typeof invoiceProcessing>(workflowId).result();
}
