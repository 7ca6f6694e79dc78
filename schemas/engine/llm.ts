import type { z } from 'zod';

/** Tokens a model call used and what they cost. */
export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export const noUsage: LlmUsage = { promptTokens: 0, completionTokens: 0, costUsd: 0 };

/** Usage over several calls, cost rounded to a nano-dollar. */
export function sumUsage(a: LlmUsage, b: LlmUsage): LlmUsage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    costUsd: Math.round((a.costUsd + b.costUsd) * 1e9) / 1e9,
  };
}

/**
 * An LLM task as workflows name it: its name and the zod schema its answer must match. The prompt and the
 * offline fallback live with the process's activities (they are not deterministic code); the workflow checks
 * the answer against the same schema, so what it gets is typed.
 */
export interface LlmTaskSpec<I, O> {
  name: string;
  schema: z.ZodType<O>;
  /** Only for typing the input; never set. */
  readonly input?: I;
}

export function defineLlmTask<I, O>(name: string, schema: z.ZodType<O>): LlmTaskSpec<I, O> {
  return { name, schema };
}

/** What the `llmStep` activity is asked: which task, its input, and the case it belongs to (for logs). */
export interface LlmStepRequest {
  task: string;
  input: unknown;
  businessKey: string;
  /** Skip the cache: someone asked for a fresh answer. */
  fresh?: boolean;
}

/** Where an answer came from: the model, the cache of an earlier identical request, or the offline fallback. */
export type LlmSource = 'llm' | 'cache' | 'offline';

/** The activity's answer; every outcome but an exception is routable by the workflow (e.g. to a person). */
export type LlmStepResult<O = unknown> =
  | {
      outcome: 'answered';
      output: O;
      source: LlmSource;
      model: string;
      usage: LlmUsage;
      contentHash: string;
      /** The task's own confidence in the answer (0..1), when it gives one. */
      confidence?: number;
    }
  | { outcome: 'budget-exhausted'; usedToday: number; budget: number }
  | { outcome: 'invalid-output'; attempts: number; problems: string[]; usage: LlmUsage };
