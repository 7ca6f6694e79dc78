import { allHandlersFinished, condition, isCancellation } from '@temporalio/workflow';
import type { HumanTaskInput, HumanTaskOutcome } from '../../../schemas/engine/human-task';
import { awaitDecision } from './sla-timers';
import { startStoreSync } from './store-sync';
import { recordCancellation, taskOutcome } from './task-closing';
import { installTaskHandlers } from './task-handlers';
import { openTask } from './task-run';

/**
 * One human task: claimed, worked and completed by people through Updates, reminded and escalated by its own
 * timers, mirrored into the task store after every transition. The parent waits for its result.
 */
export async function humanTaskWorkflow(input: HumanTaskInput): Promise<HumanTaskOutcome<unknown>> {
  const run = openTask(input);
  installTaskHandlers(run);
  const sync = startStoreSync(run);
  try {
    await awaitDecision(run);
    // Closed: the notifications still under way, the store's copy and the Updates still answering finish first.
    await Promise.all([...run.notifications]);
    await condition(() => run.sync.syncedVersion >= run.state.version && allHandlersFinished());
  } catch (err) {
    if (!isCancellation(err)) throw err;
    await recordCancellation(run);
    throw err;
  }
  sync.cancel();
  return taskOutcome(run.state);
}
