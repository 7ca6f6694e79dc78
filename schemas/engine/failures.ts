import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure } from '@temporalio/common';

/**
 * One failure catalogue: every failure the engine and its processes throw is named once here (the engine's) or
 * in a process's own `failures.ts` (made with the same `defineFailures`). The name is the failure's type in
 * Temporal; the catalogue says whether a retry can help (`retryable`), which drives both how it is thrown and
 * the retry policies' `nonRetryableErrorTypes`, and how the API answers it (`status`).
 * Names never change: they are recorded in workflow histories.
 */
export interface FailureSpec {
  /** Whether another attempt may succeed (a technical fault) or not (a business refusal, bad data). */
  retryable: boolean;
  /** The HTTP status the API answers when this failure reaches it. */
  status?: 403 | 404 | 409 | 422 | 429 | 502 | 503;
  /** What happened, in a phrase, for the docs and the failure's readers. */
  meaning: string;
}

export interface FailureCatalogue<N extends string> {
  readonly specs: Readonly<Record<N, FailureSpec>>;
  /** The failure to throw, retryable or not as the catalogue says. */
  create(type: N, message: string, ...details: unknown[]): ApplicationFailure;
  /** The names no retry can fix: a retry policy's `nonRetryableErrorTypes`. */
  readonly nonRetryable: N[];
  /** Whether an error (or the activity or child failure wrapping it) is this failure. */
  is(err: unknown, type: N): boolean;
}

export function defineFailures<const S extends Record<string, FailureSpec>>(
  specs: S,
): FailureCatalogue<keyof S & string> {
  type N = keyof S & string;
  const retryable = (name: N) => (specs[name] as FailureSpec).retryable;
  return {
    specs,
    create: (type, message, ...details) =>
      ApplicationFailure.create({ type, message, nonRetryable: !retryable(type), details }),
    nonRetryable: (Object.keys(specs) as N[]).filter((n) => !retryable(n)),
    is: (err, type) => failureType(err) === type,
  };
}

/** The type of an application failure, looking through the activity or child-workflow failure that wraps it. */
export function failureType(err: unknown): string | undefined {
  const inner = err instanceof ActivityFailure || err instanceof ChildWorkflowFailure ? err.cause : err;
  return inner instanceof ApplicationFailure ? (inner.type ?? undefined) : undefined;
}

/** Human tasks: an Update's validator refuses with one of these, and the API answers it as such. */
export const taskFailures = defineFailures({
  TaskForbidden: { retryable: false, status: 403, meaning: 'the actor may not do this to the task' },
  TaskFourEyes: { retryable: false, status: 403, meaning: 'the same person may not decide twice or decide their own' },
  TaskConflict: { retryable: false, status: 409, meaning: 'the task is not in a state that allows this' },
  TaskFormInvalid: { retryable: false, status: 422, meaning: 'the form has invalid fields' },
  TaskInvalid: { retryable: false, status: 422, meaning: 'the request is not valid for this task' },
  TaskCancelled: { retryable: false, meaning: 'the task was cancelled before anyone decided' },
});

/** Bots in the portal: what the portal refused is final, a portal that does not answer is tried again. */
export const botFailures = defineFailures({
  PortalRejected: { retryable: false, status: 422, meaning: 'the portal refused the data (field errors attached)' },
  PortalVerificationFailed: { retryable: false, meaning: 'the portal saved something other than what was sent' },
  PortalLoginRejected: { retryable: false, status: 502, meaning: "the portal refused the bot's sign-in" },
  PortalLoginRefused: { retryable: false, status: 502, meaning: "the portal refused the exports' sign-in" },
  PortalUnavailable: { retryable: true, status: 503, meaning: 'the portal did not answer as expected; try again' },
  InvalidRecord: { retryable: false, status: 422, meaning: 'the record sent to the bot is not valid' },
});

/** Model calls: 429 and 5xx are retried (honouring retry-after); a refused request is final. */
export const llmFailures = defineFailures({
  LlmRateLimited: { retryable: true, status: 429, meaning: 'the model endpoint asked to slow down' },
  LlmServerError: { retryable: true, status: 503, meaning: 'the model endpoint failed' },
  LlmTimeout: { retryable: true, status: 503, meaning: 'the model did not answer in time' },
  LlmUnavailable: { retryable: true, status: 503, meaning: 'the model endpoint could not be reached' },
  LlmRequestRejected: { retryable: false, status: 502, meaning: 'the model endpoint refused the request' },
  LlmOutputInvalid: { retryable: true, meaning: "the model's answer did not fit the schema" },
  LlmError: { retryable: true, meaning: 'the model call failed in an unexpected way' },
});

/** Notifications: an address that does not exist or a refusal will not get better by retrying. */
export const notifyFailures = defineFailures({
  NotifyNoAddress: { retryable: false, meaning: 'none of the addressees has a mail address' },
  NotifyRefused: { retryable: false, meaning: 'the webhook refused the message' },
  SmtpRejected: { retryable: false, meaning: 'the mail server rejected the message for good' },
  SmtpUnavailable: { retryable: true, meaning: 'the mail server could not take the message now' },
});

/** Every engine catalogue, for the API's error mapping (processes add theirs through their declaration). */
export const engineFailures = [taskFailures, botFailures, llmFailures, notifyFailures] as const;
