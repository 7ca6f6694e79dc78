import type { Client } from '@temporalio/client';
import { ticketBusinessKey, type Ticket } from '../../schemas/tickets/ticket';
import { ticketTriage, type TicketTriageInput, type TicketTriageResult } from '../../workflows/tickets/ticket-triage';
import { startedByMemo } from '../../platform/task-store/visibility';
import { startOnce, type StartOnceOutcome } from '../start-once';

export type TicketSubmitOutcome = StartOnceOutcome;

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
  options: Pick<TicketTriageInput, 'reviewConfidence' | 'reviewRoles'> & { startedBy?: string } = {},
): Promise<TicketSubmitOutcome> {
  const { startedBy, ...review } = options;
  return startOnce(client, ticketTriage, {
    taskQueue: queues.main,
    workflowId: ticketBusinessKey(ticket),
    args: [{ ticket, llmTaskQueue: queues.llm, ...review }],
    // Who submitted it over the API may read its status; tickets from mail or files have no starter.
    ...(startedBy ? { memo: startedByMemo(startedBy) } : {}),
  });
}

export function ticketResult(client: Client, workflowId: string): Promise<TicketTriageResult> {
  return client.workflow.getHandle<typeof ticketTriage>(workflowId).result();
}
