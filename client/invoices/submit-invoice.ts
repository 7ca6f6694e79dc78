import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { invoiceBusinessKey, type Invoice, type InvoiceIntakeResult } from '../../schemas/invoice';
import { invoiceIntake } from '../../workflows/invoice-intake';

export type SubmitOutcome =
  | { outcome: 'started'; workflowId: string; runId: string }
  | { outcome: 'duplicate'; workflowId: string; status: string };

/**
 * Starts intake under the invoice's business key. The id is never reused, even after the first run has
 * closed, so a resubmitted invoice is reported as a duplicate instead of being processed again.
 */
export async function submitInvoice(client: Client, taskQueue: string, invoice: Invoice): Promise<SubmitOutcome> {
  const workflowId = invoiceBusinessKey(invoice);
  try {
    const handle = await client.workflow.start(invoiceIntake, {
      taskQueue,
      workflowId,
      args: [invoice],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { outcome: 'started', workflowId, runId: handle.firstExecutionRunId };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const description = await client.workflow.getHandle(workflowId).describe();
    return { outcome: 'duplicate', workflowId, status: description.status.name };
  }
}

export async function invoiceResult(client: Client, workflowId: string): Promise<InvoiceIntakeResult> {
  return client.workflow.getHandle<typeof invoiceIntake>(workflowId).result();
}
