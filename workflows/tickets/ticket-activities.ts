/** The activities a ticket's workflow calls, with their timeouts and retries. */
import { proxyActivities } from '@temporalio/workflow';
import type { createLlmActivities } from '../../activities/tickets/triage';
import type { createTicketActivities } from '../../activities/tickets';
import { llmFailures } from '../../schemas/engine/failures';

export const tickets = proxyActivities<ReturnType<typeof createTicketActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The LLM's activities on the llm worker's queue. */
export function llmOn(taskQueue: string) {
  return proxyActivities<ReturnType<typeof createLlmActivities>>({
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
