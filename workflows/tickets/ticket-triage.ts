import {
  defineQuery,
  defineUpdate,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createLlmActivities } from '../../activities/tickets/triage';
import type { createTicketActivities } from '../../activities/tickets';
import type { FiledTicket } from '../../activities/tickets/ticket-records';
import type { TicketReviewForm } from '../../schemas/tickets/ticket-review-form';
import type { Ticket } from '../../schemas/tickets/ticket';
import { policyMatches } from '../../schemas/tickets/ticket-policy';
import {
  noUsage,
  sumUsage,
  type LlmUsage,
  type TicketTriage,
  type TriageAttempt,
  type TriageSource,
} from '../../schemas/tickets/ticket-triage';
import { humanTask } from '../engine/human-task';
import { BpoBusinessKey, BpoProcess, BpoStatus } from '../engine/search-attributes';
import { ticketFailures } from '../../schemas/tickets/failures';
import { llmSteps } from '../engine';

export interface TicketTriageInput {
  ticket: Ticket;
  /** The llm worker's queue (the client knows the prefix; workflows cannot read config). */
  llmTaskQueue?: string;
  /** Below this confidence a person reviews the triage. */
  reviewConfidence?: number;
  /** Who reviews; default the clerks. */
  reviewRoles?: string[];
}

export type TicketStatus = 'received' | 'redacted' | 'triaged' | 'in-review' | 'filed';

export interface TicketTriageState {
  businessKey: string;
  status: TicketStatus;
  route?: 'auto' | 'review';
  /** Why the ticket went to a person: low-confidence, high-priority, policy:<name>, offline-summary, token-budget-spent … */
  reasons: string[];
  triage?: TicketTriage;
  source?: TriageSource;
  model?: string;
  /** Summed over every LLM call for this ticket, including fresh summaries an agent asked for. */
  usage: LlmUsage;
  summaries: number;
  piiRef?: string;
  reviewedBy?: string;
  reviewDecision?: TicketReviewForm['decision'];
}

export type TicketTriageResult = Omit<FiledTicket, 'filedAt'> & { status: 'filed'; alreadyFiled: boolean };

export const ticketStatusQuery = defineQuery<TicketTriageState>('ticketStatus');
/** An agent asks for a fresh summary (the cache is skipped); returns the state with the new triage. */
export const refreshTicketSummaryUpdate = defineUpdate<TicketTriageState, [{ requestedBy: string }]>(
  'refreshTicketSummary',
);

const tickets = proxyActivities<ReturnType<typeof createTicketActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const priorityRank: Record<TicketTriage['priority'], number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** Why a triaged ticket needs a person; empty means it may be filed automatically. */
export function reviewReasons(attempt: TriageAttempt, policies: string[], reviewConfidence: number): string[] {
  const reasons = policies.map((p) => `policy:${p}`);
  if (attempt.outcome === 'budget-exhausted') return ['token-budget-spent', ...reasons];
  if (attempt.outcome === 'invalid-output') return ['llm-output-invalid', ...reasons];
  if (attempt.source === 'offline') reasons.unshift('offline-summary');
  if (attempt.triage.confidence < reviewConfidence) reasons.push('low-confidence');
  if (priorityRank[attempt.triage.priority] >= priorityRank.high) reasons.push('high-priority');
  return reasons;
}

/**
 * A support ticket: redacted inside the engine, triaged by the LLM (structured output, checked), then filed
 * automatically or, when the model is unsure, the ticket is urgent or a policy applies, reviewed by an agent.
 */
export async function ticketTriage(input: TicketTriageInput): Promise<TicketTriageResult> {
  const { ticket } = input;
  const state: TicketTriageState = {
    businessKey: workflowInfo().workflowId,
    status: 'received',
    reasons: [],
    usage: noUsage,
    summaries: 0,
  };
  const llm = llmSteps<ReturnType<typeof createLlmActivities>>(input.llmTaskQueue ?? 'llm');
  const setStatus = (status: TicketStatus) => {
    state.status = status;
    upsertSearchAttributes([{ key: BpoStatus, value: status }]);
  };
  // Set once redaction is done; the refresh Update is refused before that.
  let redactedText: string | undefined = undefined;

  /** One LLM call; any failure after the retries becomes a route to a person, never a failed ticket. */
  async function triage(fresh: boolean): Promise<TriageAttempt | undefined> {
    if (redactedText === undefined) return undefined;
    try {
      const attempt = await llm.triageTicket({ businessKey: state.businessKey, text: redactedText, fresh });
      if (attempt.outcome === 'triaged') {
        Object.assign(state, { triage: attempt.triage, source: attempt.source, model: attempt.model });
        state.summaries += 1;
      }
      if (attempt.outcome === 'triaged' || attempt.outcome === 'invalid-output')
        state.usage = sumUsage(state.usage, attempt.usage);
      return attempt;
    } catch (err) {
      log.warn('LLM triage failed after its retries; a person takes the ticket', { error: (err as Error).message });
      return undefined;
    }
  }

  setHandler(ticketStatusQuery, () => state);
  setHandler(
    refreshTicketSummaryUpdate,
    async () => {
      const attempt = await triage(true);
      if (attempt?.outcome !== 'triaged')
        throw ticketFailures.create('SummaryUnavailable', 'no fresh summary could be made; the previous one stands');
      return state;
    },
    {
      validator: ({ requestedBy }) => {
        if (!requestedBy) throw new Error('requestedBy is required');
        if (state.status === 'filed') throw new Error('the ticket is filed; a summary can no longer change');
        if (redactedText === undefined) throw new Error('the ticket is not redacted yet');
      },
    },
  );

  upsertSearchAttributes([
    { key: BpoProcess, value: 'ticket' },
    { key: BpoStatus, value: state.status },
    { key: BpoBusinessKey, value: state.businessKey },
  ]);

  const prepared = await tickets.prepareTicket({ businessKey: state.businessKey, ticket });
  redactedText = prepared.text;
  state.piiRef = prepared.piiRef;
  setStatus('redacted');

  const attempt = await triage(false);
  const policies = policyMatches(prepared.text);
  state.reasons = attempt
    ? reviewReasons(attempt, policies, input.reviewConfidence ?? 0.75)
    : ['llm-failed', ...policies.map((p) => `policy:${p}`)];
  setStatus('triaged');

  if (state.reasons.length === 0) {
    state.route = 'auto';
  } else {
    state.route = 'review';
    setStatus('in-review');
    await review(input, state, ticket);
  }

  const record: Omit<FiledTicket, 'filedAt'> = {
    businessKey: state.businessKey,
    ticketId: ticket.ticketId,
    subject: ticket.subject,
    route: state.route,
    reasons: state.reasons,
    triage: state.triage,
    source: state.source,
    model: state.model,
    reviewedBy: state.reviewedBy,
    usage: state.usage,
    piiRef: prepared.piiRef,
  };
  const filed = await tickets.fileTicket(record);
  setStatus('filed');
  log.info('ticket filed', {
    businessKey: state.businessKey,
    route: state.route,
    reasons: state.reasons,
    usage: state.usage,
  });
  return { ...record, status: 'filed', alreadyFiled: filed.alreadyFiled };
}

/** The agent sees the proposal with the real values restored (inside the engine) and accepts or edits it. */
async function review(input: TicketTriageInput, state: TicketTriageState, ticket: Ticket): Promise<void> {
  const proposal = state.triage;
  const [summary, draftReply] =
    proposal && state.piiRef
      ? await tickets.restoreTicketText({ piiRef: state.piiRef, texts: [proposal.summary, proposal.draftReply] })
      : [];
  const outcome = await humanTask({
    key: 'review',
    type: 'ticket-review',
    title: `Review ticket ${ticket.ticketId}: ${ticket.subject}`.slice(0, 200),
    form: 'ticket-review',
    candidates: { roles: input.reviewRoles ?? ['clerk'] },
    priority: proposal ? priorityRank[proposal.priority] : 1,
    context: {
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
    state.triage = {
      summary: form.summary || base?.summary || '(no summary)',
      draftReply: form.draftReply || base?.draftReply || '',
      category: form.category ?? base?.category ?? 'other',
      priority: form.priority ?? base?.priority ?? 'normal',
      sentiment: base?.sentiment ?? 'neutral',
      keyEntities: base?.keyEntities ?? [],
      suggestedNextAction: base?.suggestedNextAction ?? '',
      confidence: 1,
    };
  }
}
