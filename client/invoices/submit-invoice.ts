import type { Client } from '@temporalio/client';
import { invoiceBusinessKey, type Invoice, type InvoiceIntakeResult } from '../../schemas/invoices/invoice';
import { invoiceIntake } from '../../workflows/invoices/invoice-intake';
import { startOnce, type StartOnceOutcome } from '../start-once';

export type SubmitOutcome = StartOnceOutcome;

/**
 * Starts intake under the invoice's business key. The id is never reused, even after the first run has
 * closed, so a resubmitted invoice is reported as a duplicate instead of being processed again.
 */
export async function submitInvoice(client: Client, taskQueue: string, invoice: Invoice): Promise<SubmitOutcome> {
  return startOnce(client, invoiceIntake, { taskQueue, workflowId: invoiceBusinessKey(invoice), args: [invoice] });
}

export async function invoiceResult(client: Client, workflowId: string): Promise<InvoiceIntakeResult> {
  return client.workflow.getHandle<typeof invoiceIntake>(workflowId).result();
}
