import type { Client } from '@temporalio/client';
import { ticketBusinessKey, type Ticket } from '../../schemas/tickets/ticket';
import { ticketTriage, type TicketTriageInput, type TicketTriageResult } from '../../workflows/tickets/ticket-triage';
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
  options: Pick<TicketTriageInput, 'reviewConfidence' | 'reviewRoles'> = {},
): Promise<TicketSubmitOutcome> {
  return startOnce(client, ticketTriage, {
    taskQueue: queues.main,
    workflowId: ticketBusinessKey(ticket),
    args: [{ ticket, llmTaskQueue: queues.llm, ...options }],
  });
}

export function ticketResult(client: Client, workflowId: string): Promise<TicketTriageResult> {
  return client.workflow.getHandle<typeof ticketTriage>(workflowId).result();
}
