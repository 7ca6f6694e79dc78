import type { Client } from '@temporalio/client';
import { invoiceBusinessKey, type Invoice } from '../../schemas/invoices/invoice';
import type { InvoicePolicy } from '../../schemas/invoices/invoice-policy';
import type { InvoiceProcessingInput, InvoiceProcessingResult } from '../../schemas/invoices/invoice-processing';
import { invoiceProcessing } from '../../workflows/invoices/invoice-processing';
import { invoiceStartSearchAttributes } from '../../workflows/invoices/invoice-search-attributes';
import type { FieldError } from '../../schemas/engine/validation';
import { startedByMemo } from '../../platform/task-store/visibility';
import { startOnce, type StartOnceOutcome } from '../start-once';
import type { ParsedInvoice } from './read-invoice-file';

export interface InvoiceTarget {
  taskQueue: string;
  botsTaskQueue: string;
  policy: InvoicePolicy;
}

export type StartOutcome = StartOnceOutcome;

/** One line of a batch report: every item of a document ends in exactly one of these. */
export type IntakeOutcome = { item: number; label: string } & (
  StartOutcome | { outcome: 'invalid'; errors: FieldError[] }
);

/**
 * How the engine starts an invoice run: under its business key, with its search attributes set from the start
 * (findable by vendor, amount and due date at once; the workflow then publishes only where it waits).
 */
export function invoiceStartOptions(target: InvoiceTarget, invoice: Invoice, source: string) {
  return {
    taskQueue: target.taskQueue,
    workflowId: invoiceBusinessKey(invoice),
    args: [{ invoice, policy: target.policy, botsTaskQueue: target.botsTaskQueue, source }] as [InvoiceProcessingInput],
    typedSearchAttributes: invoiceStartSearchAttributes(invoice),
    // The submitter may read the invoice's status (GET /api/invoices/:id/status).
    memo: startedByMemo(invoice.submittedBy),
  };
}

/**
 * Starts processing under the invoice's business key (vendor + invoice number). The id is never reused, even
 * after the first run closed, so a resubmission is reported as a duplicate and never processed or posted twice.
 */
export async function startInvoiceProcessing(
  client: Client,
  target: InvoiceTarget,
  invoice: Invoice,
  source: string,
): Promise<StartOutcome> {
  return startOnce(client, invoiceProcessing, invoiceStartOptions(target, invoice, source));
}

/** Starts every valid invoice of a document and reports every item, bad ones with their field errors. */
export async function startInvoiceBatch(
  client: Client,
  target: InvoiceTarget,
  parsed: ParsedInvoice[],
  source: string,
): Promise<IntakeOutcome[]> {
  const outcomes: IntakeOutcome[] = [];
  for (const item of parsed) {
    const head = { item: item.index + 1, label: item.label };
    outcomes.push(
      item.ok
        ? { ...head, ...(await startInvoiceProcessing(client, target, item.invoice, source)) }
        : { ...head, outcome: 'invalid', errors: item.errors },
    );
  }
  return outcomes;
}

export async function invoiceProcessingResult(client: Client, workflowId: string): Promise<InvoiceProcessingResult> {
  return client.workflow.getHandle<typeof invoiceProcessing>(workflowId).result();
}
