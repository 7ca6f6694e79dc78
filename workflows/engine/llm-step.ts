import { log, proxyActivities, type ActivityInterfaceFor } from '@temporalio/workflow';
import { llmFailures } from '../../schemas/engine/failures';
import type { LlmStepRequest, LlmStepResult, LlmTaskSpec } from '../../schemas/engine/llm';

/** The llm-queue proxy preset: retries with backoff through 429/5xx/timeouts, a refused request is final. */
export function llmSteps<A extends object>(taskQueue = 'llm'): ActivityInterfaceFor<A> {
  return proxyActivities<A>({
    taskQueue,
    // The request timeout is the endpoint's; this bounds a worker that died mid-call.
    startToCloseTimeout: '3 minutes',
    retry: {
      initialInterval: '2 seconds',
      backoffCoefficient: 2,
      maximumInterval: '2 minutes',
      maximumAttempts: 8,
      nonRetryableErrorTypes: llmFailures.nonRetryable,
    },
  });
}

export interface LlmStepOptions {
  /** The case the step belongs to, for logs and the cost report. */
  businessKey: string;
  /** The llm queue (with the engine's task-queue prefix, if any). */
  taskQueue?: string;
  /** Skip the cache: someone asked for a fresh answer. */
  fresh?: boolean;
  /** Answers below this confidence are not trusted on their own (default 0.7). */
  minConfidence?: number;
}

/** An LLM step's outcome as a workflow routes it: a trusted answer, or a reason a person must look. */
export type LlmStepOutcome<O> =
  | { trusted: true; output: O; result: Extract<LlmStepResult<O>, { outcome: 'answered' }> }
  | { trusted: false; reason: string; output?: O; result?: LlmStepResult<O> };

/**
 * Runs an installed process's LLM task on the llm queue and checks the answer against the task's schema here
 * too: structured output in, typed output out. PII is redacted before the text leaves the llm worker, answers
 * are cached by content and counted against the day's budget. Anything short of a confident, valid answer
 * (low confidence, no budget, a reply that kept failing the schema, the endpoint failing past its retries)
 * comes back as `trusted: false` with the reason, for the workflow to give to a person.
 */
export async function llmStep<I, O>(
  task: LlmTaskSpec<I, O>,
  input: I,
  options: LlmStepOptions,
): Promise<LlmStepOutcome<O>> {
  const llm = llmSteps<{ llmStep(request: LlmStepRequest): Promise<LlmStepResult> }>(options.taskQueue);
  let result: LlmStepResult;
  try {
    result = await llm.llmStep({ task: task.name, input, businessKey: options.businessKey, fresh: options.fresh });
  } catch (err) {
    log.warn('LLM step failed after its retries; a person takes it', {
      task: task.name,
      error: (err as Error).message,
    });
    return { trusted: false, reason: `the model could not answer: ${(err as Error).message}` };
  }
  if (result.outcome === 'budget-exhausted')
    return { trusted: false, reason: `the day's token budget is spent (${result.usedToday} of ${result.budget})` };
  if (result.outcome === 'invalid-output')
    return { trusted: false, reason: `the model's answers did not fit the schema: ${result.problems.join('; ')}` };
  const parsed = task.schema.safeParse(result.output);
  if (!parsed.success) return { trusted: false, reason: `the answer does not fit the schema: ${parsed.error.message}` };
  const typed = { ...result, output: parsed.data };
  const minimum = options.minConfidence ?? 0.7;
  if (typed.confidence !== undefined && typed.confidence < minimum)
    return {
      trusted: false,
      reason: `low confidence (${typed.confidence} < ${minimum})`,
      output: parsed.data,
      result: typed,
    };
  if (typed.source === 'offline')
    return { trusted: false, reason: 'no model is configured (offline answer)', output: parsed.data, result: typed };
  return { trusted: true, output: parsed.data, result: typed };
}
