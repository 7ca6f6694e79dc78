/** The review stage of a ticket: an agent takes the triage, or writes it, when it may not be filed as it is. */
import { patched } from '@temporalio/workflow';
import { sealedContextKey, type SealedContext } from '../../schemas/engine/sealed-context';
import type { Ticket } from '../../schemas/tickets/ticket';
import type { TicketTriage } from '../../schemas/tickets/ticket-triage';
import { humanTask } from '../engine/human-task';
import { tickets } from './ticket-activities';
import type { TicketTriageInput, TicketTriageState } from './ticket-triage';

export const priorityRank: Record<TicketTriage['priority'], number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/**
 * The agent sees the proposal with the real values and accepts or edits it. The task's context keeps the redacted
 * text and the vault reference; the API restores the values for users who may see the task. (Runs recorded
 * before that restored the text here, into the task's history; they replay as they were.)
 */
export async function review(
  input: TicketTriageInput,
  state: TicketTriageState,
  ticket: Pick<Ticket, 'ticketId' | 'subject'>,
): Promise<void> {
  const proposal = state.triage;
  const sealed = patched('ticket-review-context-sealed');
  const [summary, draftReply] =
    proposal && sealed
      ? [proposal.summary, proposal.draftReply]
      : proposal && state.piiRef
        ? await tickets.restoreTicketText({ piiRef: state.piiRef, texts: [proposal.summary, proposal.draftReply] })
        : [];
  const restore: SealedContext | undefined =
    sealed && state.piiRef
      ? { vaultRef: state.piiRef, fields: ['subject', 'proposedSummary', 'proposedReply'] }
      : undefined;
  const outcome = await humanTask({
    key: 'review',
    type: 'ticket-review',
    title: `Review ticket ${ticket.ticketId}: ${ticket.subject}`.slice(0, 200),
    form: 'ticket-review',
    candidates: { roles: input.reviewRoles ?? ['clerk'] },
    priority: proposal ? priorityRank[proposal.priority] : 1,
    context: {
      ...(restore ? { [sealedContextKey]: restore } : {}),
      ticketId: ticket.ticketId,
      subject: ticket.subject,
      reasons: state.reasons.join(', '),
      proposedSummary: summary ?? '(no proposal: write the summary and reply)',
      proposedReply: draftReply ?? '',
      category: proposal?.category ?? '',
      priority: proposal?.priority ?? '',
      sentiment: proposal?.sentiment ?? '',
      suggestedNextAction: proposal?.suggestedNextAction ?? '',
      source: state.source ?? 'none',
    },
  });
  if (outcome.outcome !== 'completed') {
    state.reasons = [...state.reasons, 'review-expired'];
    return;
  }
  const form = outcome.data;
  state.reviewedBy = outcome.completedBy;
  state.reviewDecision = form.decision;
  if (form.decision === 'edit' || !proposal) {
    const base = state.triage;
    // The agent wrote with the real values in view: what is kept (state, record, result) is redacted like the rest.
    const [summary, draftReply] =
      sealed && state.piiRef
        ? await tickets.redactAgentText({ piiRef: state.piiRef, texts: [form.summary ?? '', form.draftReply ?? ''] })
        : [form.summary, form.draftReply];
    state.triage = {
      summary: summary || base?.summary || '(no summary)',
      draftReply: draftReply || base?.draftReply || '',
      category: form.category ?? base?.category ?? 'other',
      priority: form.priority ?? base?.priority ?? 'normal',
      sentiment: base?.sentiment ?? 'neutral',
      keyEntities: base?.keyEntities ?? [],
      suggestedNextAction: base?.suggestedNextAction ?? '',
      confidence: 1,
    };
  }
}
