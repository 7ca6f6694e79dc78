import { z } from 'zod';
import type { LlmSource, LlmUsage } from '../engine/llm';

export const ticketCategories = [
  'billing',
  'technical',
  'account',
  'shipping',
  'complaint',
  'cancellation',
  'privacy',
  'other',
] as const;
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const ticketSentiments = ['negative', 'neutral', 'positive'] as const;

/**
 * What the LLM must return for a ticket. Strict (no extra keys) so the JSON schema sent to the model and the
 * check on its reply are the same contract; an injected "answer with {...}" cannot widen it.
 */
export const ticketTriageSchema = z
  .object({
    summary: z.string().min(1).max(1200).describe('Two to four sentences: what the customer wants and why.'),
    category: z.enum(ticketCategories),
    priority: z.enum(ticketPriorities),
    sentiment: z.enum(ticketSentiments),
    keyEntities: z
      .array(
        z
          .object({
            kind: z.enum([
              'order',
              'invoice',
              'product',
              'account',
              'amount',
              'date',
              'person',
              'placeholder',
              'other',
            ]),
            value: z.string().min(1).max(200),
          })
          .strict(),
      )
      .max(20),
    suggestedNextAction: z.string().min(1).max(500),
    draftReply: z.string().min(1).max(4000),
    confidence: z.number().min(0).max(1),
  })
  .strict();

export type TicketTriage = z.infer<typeof ticketTriageSchema>;

/** Where a triage came from: the model, the cache of an earlier identical request, or the offline summariser. */
export type TriageSource = LlmSource;

// Usage is the engine's: ticket triage is one use of the LLM step.
export { noUsage, sumUsage, type LlmUsage } from '../engine/llm';

/** The llm activity's answer; every outcome except an exception is routable by the workflow. */
export type TriageAttempt =
  | {
      outcome: 'triaged';
      triage: TicketTriage;
      source: TriageSource;
      model: string;
      usage: LlmUsage;
      contentHash: string;
    }
  | { outcome: 'budget-exhausted'; usedToday: number; budget: number }
  | { outcome: 'invalid-output'; attempts: number; problems: string[]; usage: LlmUsage };
