import type { Client } from '@temporalio/client';
import type { PiiVault } from '../../activities/engine/pii';
import { ticketBusinessKey, type Ticket } from '../../schemas/tickets/ticket';
import { ticketTriage, type TicketTriageInput, type TicketTriageResult } from '../../workflows/tickets/ticket-triage';
import { startedByMemo } from '../../platform/task-store/visibility';
import { startOnce, type StartOnceOutcome } from '../start-once';

export type TicketSubmitOutcome = StartOnceOutcome;

export interface TicketIntake {
  /** Where the workflow and the engine-side activities (redaction, filing) run. */
  main: string;
  llm: string;
  /** Where the raw ticket is sealed: the workflow gets only its reference. */
  vault: PiiVault;
}

/**
 * Seals the raw ticket in the PII vault and starts triage under the ticket's business key with the reference
 * only, so the ticket's personal data never enters workflow history. The id is never reused: a resubmission is
 * a duplicate.
 */
export async function submitTicket(
  client: Client,
  intake: TicketIntake,
  ticket: Ticket,
  options: Pick<TicketTriageInput, 'reviewConfidence' | 'reviewRoles'> & { startedBy?: string } = {},
): Promise<TicketSubmitOutcome> {
  const { startedBy, ...review } = options;
  const ticketRef = await intake.vault.seal(ticket);
  const outcome = await startOnce(client, ticketTriage, {
    taskQueue: intake.main,
    workflowId: ticketBusinessKey(ticket),
    args: [{ ticketRef, ticketId: ticket.ticketId, llmTaskQueue: intake.llm, ...review }],
    // Who submitted it over the API may read its status; tickets from mail or files have no starter.
    ...(startedBy ? { memo: startedByMemo(startedBy) } : {}),
  });
  // A duplicate never reads this copy. (After a failed start it stays: the start may have reached the server.)
  if (outcome.outcome === 'duplicate') await intake.vault.remove(ticketRef);
  return outcome;
}

export function ticketResult(client: Client, workflowId: string): Promise<TicketTriageResult> {
  return client.workflow.getHandle<typeof ticketTriage>(workflowId).result();
}
