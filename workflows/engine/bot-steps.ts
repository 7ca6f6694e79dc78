import type { Duration } from '@temporalio/common';
import { proxyActivities, type ActivityInterfaceFor } from '@temporalio/workflow';
import { botFailures } from '../../schemas/engine/failures';

export interface BotStepOptions {
  /** The bots queue the process's bot activities run on. */
  taskQueue: string;
  /** Attempts before a technical fault fails the step; 'until-done' for compensations that must finish. */
  attempts?: number | 'until-done';
  /** A page that stops answering stops heartbeating: the attempt is abandoned and retried after this. */
  heartbeatTimeout?: Duration;
  startToCloseTimeout?: Duration;
  /** The longest wait between attempts. */
  maximumInterval?: Duration;
}

/**
 * The bots-queue proxy every process uses for its bot steps: heartbeats, retries with backoff, and the bot
 * failures that no retry fixes (the portal refused the data or the sign-in) preset from the failure catalogue.
 * The activities themselves run on the engine's bot runner (activities/systems/portal/run-bot-step.ts), which
 * signs in, retries inside an attempt and saves evidence with every failure.
 */
export function botSteps<A extends object>(options: BotStepOptions): ActivityInterfaceFor<A> {
  const attempts = options.attempts ?? 4;
  return proxyActivities<A>({
    taskQueue: options.taskQueue,
    startToCloseTimeout: options.startToCloseTimeout ?? '3 minutes',
    heartbeatTimeout: options.heartbeatTimeout ?? '1 minute',
    retry: {
      initialInterval: '2 seconds',
      backoffCoefficient: 2,
      maximumInterval: options.maximumInterval ?? '1 minute',
      ...(attempts === 'until-done' ? {} : { maximumAttempts: attempts }),
      nonRetryableErrorTypes: botFailures.nonRetryable,
    },
  });
}
