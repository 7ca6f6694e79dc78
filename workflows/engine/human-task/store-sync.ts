/** The task store's copy of the task: written after every transition and whenever someone asks for a rewrite. */
import { CancellationScope, condition, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { createTaskStoreActivities } from '../../../activities/engine/tasks';
import { clone, type TaskRun } from './task-run';

// The store write must eventually land: retry without limit, quickly at first.
export const store = proxyActivities<ReturnType<typeof createTaskStoreActivities>>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/** One loop writes the newest state whenever the version moves or someone asks for a rewrite. */
async function syncLoop(run: TaskRun): Promise<never> {
  const { state, sync } = run;
  for (;;) {
    await condition(() => state.version > sync.syncedVersion || sync.requests > sync.served);
    const serving = sync.requests;
    const snapshot = clone(state);
    await store.upsertTaskRecord(snapshot);
    sync.syncedVersion = Math.max(sync.syncedVersion, snapshot.version);
    sync.served = serving;
  }
}

/** Starts the sync loop. It never returns: it lives in its own scope, which the caller cancels as the task ends. */
export function startStoreSync(run: TaskRun): CancellationScope {
  const scope = new CancellationScope();
  scope
    .run(() => syncLoop(run))
    .catch((err) => {
      if (!isCancellation(err)) throw err;
    });
  return scope;
}
