/** How a task ends: cancelled with the store agreeing, or with the outcome its parent waits for. */
import { CancellationScope } from '@temporalio/workflow';
import type { HumanTaskOutcome, TaskState } from '../../../schemas/engine/human-task';
import { taskFailures } from '../../../schemas/engine/failures';
import { isClosed } from './rules';
import { store } from './store-sync';
import { clone, transition, type TaskRun } from './task-run';

/** The parent (or an operator) cancelled: record it and leave the store agreeing; the caller then ends as cancelled. */
export function recordCancellation(run: TaskRun): Promise<void> {
  const { state } = run;
  return CancellationScope.nonCancellable(async () => {
    if (!isClosed(state)) {
      state.status = 'cancelled';
      state.assignee = null;
      transition(run, 'system', 'cancelled', { comment: 'the process was cancelled' });
    }
    await store.upsertTaskRecord(clone(state));
  });
}

/** The closed task's result: the last sign-off's data, `expired`, or a TaskCancelled failure. */
export function taskOutcome(state: TaskState): HumanTaskOutcome<unknown> {
  const last = state.signOffs[state.signOffs.length - 1];
  if (state.status === 'completed' && last) {
    return {
      outcome: 'completed',
      taskId: state.id,
      data: last.data,
      completedBy: last.by,
      signOffs: state.signOffs,
      audit: state.audit,
    };
  }
  if (state.status === 'cancelled') throw taskFailures.create('TaskCancelled', 'the task was cancelled');
  return { outcome: 'expired', taskId: state.id, audit: state.audit };
}
