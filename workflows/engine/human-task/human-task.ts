import { allHandlersFinished, CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import type { HumanTaskInput, HumanTaskOutcome } from '../../../schemas/engine/human-task';
import { loadActorKeys } from './actor-proof';
import { awaitDecision } from './sla-timers';
import { startStoreSync } from './store-sync';
import { recordCancellation, taskOutcome } from './task-closing';
import { installTaskHandlers, installTaskQuery } from './task-handlers';
import { openTask, type TaskRun } from './task-run';

/** Query, Updates and store sync, as runs opened before signed actors start them (no await: same commands). */
function startHandlers(run: TaskRun): CancellationScope {
  installTaskQuery(run);
  installTaskHandlers(run);
  return startStoreSync(run);
}

/** Since signed actors the Updates wait (buffered by the SDK) for the keys that verify their actors. */
async function startSignedHandlers(run: TaskRun): Promise<CancellationScope> {
  installTaskQuery(run);
  const sync = startStoreSync(run);
  await loadActorKeys(run);
  installTaskHandlers(run);
  return sync;
}

/**
 * One human task: claimed, worked and completed by people through Updates, reminded and escalated by its own
 * timers, mirrored into the task store after every transition. The parent waits for its result.
 */
export async function humanTaskWorkflow(input: HumanTaskInput): Promise<HumanTaskOutcome<unknown>> {
  const run = openTask(input);
  let sync: CancellationScope | undefined;
  try {
    sync = run.signedActors ? await startSignedHandlers(run) : startHandlers(run);
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
