import { defineQuery, defineUpdate, log, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { PreparedTicket } from '../../activities/tickets';
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
import { BpoBusinessKey, BpoProcess, BpoStatus } from '../engine/search-attributes';
import { ticketFailures } from '../../schemas/tickets/failures';
import { llmOn, tickets } from './ticket-activities';
import { priorityRank, review } from './ticket-review';

/**
 * A ticket run's input. New runs carry only a reference to the raw ticket, sealed in the PII vault at intake, so
 * no personal data sits in the workflow's history; runs started before that carried the ticket itself and still
 * replay.
 */
export interface TicketTriageInput {
  /** The raw ticket in the vault (new runs). */
  ticketRef?: string;
  /** The ticket's business id, which is not personal (new runs). */
  ticketId?: string;
  /** The raw ticket itself (runs started before intake sealed it). */
  ticket?: Ticket;
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

/** One run's state, shared by its stages and message handlers. */
interface TicketRun {
  readonly input: TicketTriageInput;
  readonly state: TicketTriageState;
  readonly llm: ReturnType<typeof llmOn>;
  /** Set once redaction is done; the refresh Update is refused before that. */
  redactedText: string | undefined;
}

/**
 * A support ticket: redacted inside the engine, triaged by the LLM (structured output, checked), then filed
 * automatically or, when the model is unsure, the ticket is urgent or a policy applies, reviewed by an agent.
 */
export async function ticketTriage(input: TicketTriageInput): Promise<TicketTriageResult> {
  const run = openTicket(input);
  const prepared = await redact(run);
  const attempt = await triage(run, false);
  const routed = route(run, attempt, prepared.text);
  if (routed === 'review') await review(input, run.state, ticketFacts(input, prepared));
  return file(run, routed, prepared);
}

/** The ticket's id and subject as the run may show them: the redacted subject where intake sealed the ticket. */
function ticketFacts(input: TicketTriageInput, prepared: PreparedTicket): Pick<Ticket, 'ticketId' | 'subject'> {
  return {
    ticketId: input.ticketId ?? input.ticket?.ticketId ?? workflowInfo().workflowId,
    subject: prepared.subject ?? input.ticket?.subject ?? '',
  };
}

/** Opens the run: its state, the status query and the refresh Update, and its search attributes. */
function openTicket(input: TicketTriageInput): TicketRun {
  const state: TicketTriageState = {
    businessKey: workflowInfo().workflowId,
    status: 'received',
    reasons: [],
    usage: noUsage,
    summaries: 0,
  };
  const run: TicketRun = { input, state, llm: llmOn(input.llmTaskQueue ?? 'llm'), redactedText: undefined };
  setHandler(ticketStatusQuery, () => state);
  setHandler(
    refreshTicketSummaryUpdate,
    async () => {
      const attempt = await triage(run, true);
      if (attempt?.outcome !== 'triaged')
        throw ticketFailures.create('SummaryUnavailable', 'no fresh summary could be made; the previous one stands');
      return state;
    },
    {
      validator: ({ requestedBy }) => {
        if (!requestedBy) throw new Error('requestedBy is required');
        if (state.status === 'filed') throw new Error('the ticket is filed; a summary can no longer change');
        if (run.redactedText === undefined) throw new Error('the ticket is not redacted yet');
      },
    },
  );
  upsertSearchAttributes([
    { key: BpoProcess, value: 'ticket' },
    { key: BpoStatus, value: state.status },
    { key: BpoBusinessKey, value: state.businessKey },
  ]);
  return run;
}

function setStatus({ state }: TicketRun, status: TicketStatus): void {
  state.status = status;
  upsertSearchAttributes([{ key: BpoStatus, value: status }]);
}

/** Redaction inside the engine: only the redacted text ever leaves it; the vault keeps the real values. */
async function redact(run: TicketRun): Promise<PreparedTicket> {
  const { ticket, ticketRef } = run.input;
  const businessKey = run.state.businessKey;
  const prepared = await tickets.prepareTicket(ticket ? { businessKey, ticket } : { businessKey, ticketRef });
  run.redactedText = prepared.text;
  run.state.piiRef = prepared.piiRef;
  setStatus(run, 'redacted');
  return prepared;
}

/** One LLM call; any failure after the retries becomes a route to a person, never a failed ticket. */
async function triage(run: TicketRun, fresh: boolean): Promise<TriageAttempt | undefined> {
  const { state } = run;
  if (run.redactedText === undefined) return undefined;
  try {
    const attempt = await run.llm.triageTicket({ businessKey: state.businessKey, text: run.redactedText, fresh });
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

/** Decides, from the triage and the policies the redacted text matches, whether the ticket needs a person. */
function route(run: TicketRun, attempt: TriageAttempt | undefined, redactedText: string): 'auto' | 'review' {
  const { state } = run;
  const policies = policyMatches(redactedText);
  state.reasons = attempt
    ? reviewReasons(attempt, policies, run.input.reviewConfidence ?? 0.75)
    : ['llm-failed', ...policies.map((p) => `policy:${p}`)];
  setStatus(run, 'triaged');
  if (state.reasons.length === 0) {
    state.route = 'auto';
  } else {
    state.route = 'review';
    setStatus(run, 'in-review');
  }
  return state.route;
}

/** Files the ticket with its triage, route and usage; filing the same ticket twice reports it as already filed. */
async function file(run: TicketRun, route: 'auto' | 'review', prepared: PreparedTicket): Promise<TicketTriageResult> {
  const { state, input } = run;
  const { piiRef } = prepared;
  const record: Omit<FiledTicket, 'filedAt'> = {
    businessKey: state.businessKey,
    ...ticketFacts(input, prepared),
    route,
    reasons: state.reasons,
    triage: state.triage,
    source: state.source,
    model: state.model,
    reviewedBy: state.reviewedBy,
    usage: state.usage,
    piiRef,
  };
  const filed = await tickets.fileTicket(record);
  setStatus(run, 'filed');
  log.info('ticket filed', {
    businessKey: state.businessKey,
    route,
    reasons: state.reasons,
    usage: state.usage,
  });
  return { ...record, status: 'filed', alreadyFiled: filed.alreadyFiled };
}
