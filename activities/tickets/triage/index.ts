import { z } from 'zod';
import { ticketTriageSchema, type TicketTriage, type TriageAttempt } from '../../../schemas/tickets/ticket-triage';
import { runLlmStep, type LlmStepDeps, type LlmTask } from '../../engine/llm';
import { offlineModel, offlineTriage } from './offline-triage';
import { promptVersion, systemPrompt, systemPromptCanary, triageMessages } from './triage-prompt';

export { createOpenAiClient } from '../../engine/llm';
export { DailyTokenBudget } from '../../engine/llm';
export { LlmCache } from '../../engine/llm';

export type LlmDeps = LlmStepDeps;

export interface TriageRequest {
  businessKey: string;
  /** Redacted text only: it is sent to the endpoint as it is. */
  text: string;
  /** An agent asked for a fresh summary: skip the cache. */
  fresh?: boolean;
}

/** Long verbatim runs of the system prompt in a reply mean it leaked, even without the canary. */
function leaksSystemPrompt(text: string): boolean {
  if (text.includes(systemPromptCanary)) return true;
  const lines = systemPrompt.split('\n').filter((l) => l.length > 40);
  return lines.some((line) => text.includes(line.slice(0, 40)));
}

/** Ticket triage as an LLM task: the triage schema, the guarded prompt, the offline summariser. */
export const ticketTriageTask: LlmTask<{ text: string }, TicketTriage> = {
  name: 'ticket_triage',
  version: promptVersion,
  schema: ticketTriageSchema,
  input: z.object({ text: z.string() }),
  messages: ({ text }) => triageMessages(text),
  offline: ({ text }) => offlineTriage(text),
  offlineModel,
  check: (raw) => (leaksSystemPrompt(raw) ? ['the reply repeats the system prompt'] : []),
  confidence: (triage) => triage.confidence,
};

/** The `llm` queue's activities of ticket triage: one use of the engine's LLM step. */
export function createLlmActivities(deps: LlmDeps) {
  return {
    async triageTicket(request: TriageRequest): Promise<TriageAttempt> {
      const result = await runLlmStep(deps, ticketTriageTask, { text: request.text }, request);
      if (result.outcome !== 'answered') return result;
      const { output, source, model, usage, contentHash } = result;
      return { outcome: 'triaged', triage: output, source, model, usage, contentHash };
    },
  };
}
