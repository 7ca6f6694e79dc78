import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { ticketBusinessKey, type Ticket } from '../../schemas/ticket';
import { ticketTriage, type TicketTriageInput, type TicketTriageResult } from '../../workflows/ticket-triage';

export type TicketSubmitOutcome =
  | { outcome: 'started'; workflowId: string; runId: string }
  | { outcome: 'duplicate'; workflowId: string; status: string };

export interface TicketQueues {
  /** Where the workflow and the engine-side activities (redaction, filing) run. */
  main: string;
  llm: string;
}

/** Starts triage under the ticket's business key; the id is never reused, so a resubmission is a duplicate. */
export async function submitTicket(
  client: Client,
  queues: TicketQueues,
  ticket: Ticket,
  options: Pick<TicketTriageInput, 'reviewConfidence' | 'reviewRoles'> = {},
): Promise<TicketSubmitOutcome> {
  const workflowId = ticketBusinessKey(ticket);
  try {
    const handle = await client.workflow.start(ticketTriage, {
      taskQueue: queues.main,
      workflowId,
      args: [{ ticket, llmTaskQueue: queues.llm, ...options }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { outcome: 'started', workflowId, runId: handle.firstExecutionRunId };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const description = await client.workflow.getHandle(workflowId).describe();
    return { outcome: 'duplicate', workflowId, status: description.status.name };
  }
}

export function ticketResult(client: Client, workflowId: string): Promise<TicketTriageResult> {
  return client.workflow.getHandle<typeof ticketTriage>(workflowId).result();
}
