import { log } from '@temporalio/activity';
import type { TaskStore } from '../../../platform/task-store/task-store';
import type { TaskState } from '../../../schemas/engine/human-task';

export interface TaskStoreDeps {
  store: TaskStore;
}

/** Keeps the inbox's read model in step with the task workflows. */
export function createTaskStoreActivities(deps: TaskStoreDeps) {
  return {
    /** Idempotent: the store keeps the highest version, so a retried or late write changes nothing. */
    async upsertTaskRecord(task: TaskState): Promise<{ applied: boolean }> {
      const result = await deps.store.upsertTask(task);
      if (!result.applied) log.debug('task store already newer', { taskId: task.id, version: task.version });
      return result;
    },
  };
}
