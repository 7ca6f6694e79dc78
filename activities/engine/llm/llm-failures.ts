import { ApplicationFailure } from '@temporalio/common';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { llmFailures } from '../../../schemas/engine/failures';

/** Short names for the catalogue's model failures (schemas/engine/failures.ts). */
export const LlmFailureType = {
  rateLimited: 'LlmRateLimited',
  serverError: 'LlmServerError',
  timeout: 'LlmTimeout',
  unavailable: 'LlmUnavailable',
  rejected: 'LlmRequestRejected',
  invalidOutput: 'LlmOutputInvalid',
} as const satisfies Record<string, keyof typeof llmFailures.specs>;

/** retry-after-ms (OpenAI, Azure), else retry-after in seconds or as an HTTP date; capped so a bad header cannot park a ticket. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return Math.min(ms, 10 * 60_000);
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  const delay = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(delay) && delay > 0 ? Math.min(delay, 10 * 60_000) : undefined;
}

/**
 * Maps an openai client error to the failure Temporal retries (or not). The client's own retries are off,
 * so this is the one place where a 429's retry-after becomes the next attempt's delay.
 */
export function toLlmFailure(err: unknown): ApplicationFailure {
  if (err instanceof APIConnectionTimeoutError) {
    return ApplicationFailure.create({
      message: 'the LLM request timed out',
      type: LlmFailureType.timeout,
      cause: err,
    });
  }
  if (err instanceof APIConnectionError) {
    return ApplicationFailure.create({
      message: `the LLM endpoint is unreachable: ${err.message}`,
      type: LlmFailureType.unavailable,
      cause: err,
    });
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    const delay = retryAfterMs(err.headers);
    const nextRetryDelay = delay === undefined ? undefined : Math.ceil(delay);
    if (err.status === 429) {
      return ApplicationFailure.create({
        message: `rate limited by the LLM endpoint (${err.message})`,
        type: LlmFailureType.rateLimited,
        nextRetryDelay,
      });
    }
    if (err.status >= 500 || err.status === 408 || err.status === 409) {
      return ApplicationFailure.create({
        message: `the LLM endpoint failed with ${err.status}`,
        type: LlmFailureType.serverError,
        nextRetryDelay,
      });
    }
    return ApplicationFailure.create({
      message: `the LLM endpoint rejected the request (${err.status}): ${err.message}`,
      type: LlmFailureType.rejected,
      nonRetryable: true,
    });
  }
  if (err instanceof ApplicationFailure) return err;
  return llmFailures.create('LlmError', (err as Error)?.message ?? String(err));
}
