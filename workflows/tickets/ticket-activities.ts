/** The activities a ticket's workflow calls, with their timeouts and retries. */
import { proxyActivities } from '@temporalio/workflow';
import type { createLlmActivities } from '../../activities/tickets/triage';
import type { createTicketActivities } from '../../activities/tickets';
import { llmSteps } from '../engine';

export const tickets = proxyActivities<ReturnType<typeof createTicketActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The LLM's activities on the llm worker's queue, with the engine's LLM retry preset. */
export const llmOn = (taskQueue: string) => llmSteps<ReturnType<typeof createLlmActivities>>(taskQueue);
