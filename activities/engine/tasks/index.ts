import { log } from '@temporalio/activity';
import type { TaskStore } from '../../../platform/task-store/task-store';
import { actorVerifyKeys } from '../../../platform/actor-keys';
import type { ActorVerifyKeys } from '../../../schemas/engine/actor-signature';
import type { TaskState } from '../../../schemas/engine/human-task';

export interface TaskStoreDeps {
  store: TaskStore;
  /** The public keys task workflows verify actors with; the development key's unless the worker's config says. */
  actorKeys?: ActorVerifyKeys;
}

/** Keeps the inbox's read model in step with the task workflows. */
export function createTaskStoreActivities(deps: TaskStoreDeps) {
  const actorKeys = deps.actorKeys ?? actorVerifyKeys();
  return {
    /** A local activity each task runs as it opens: public keys only, so they may rest in its history. */
    async actorVerifyKeys(): Promise<ActorVerifyKeys> {
      return actorKeys;
    },
    /** Idempotent: the store keeps the highest version, so a retried or late write changes nothing. */
    async upsertTaskRecord(task: TaskState): Promise<{ applied: boolean }> {
      const result = await deps.store.upsertTask(task);
      if (!result.applied) log.debug('task store already newer', { taskId: task.id, version: task.version });
      return result;
    },
  };
}
