import type { Logger } from '../../../platform/logger';
import type { TaskStore } from '../../../platform/task-store/task-store';
import type { TaskAudience } from '../../../platform/task-store/visibility';
import type { TaskState } from '../../../schemas/engine/human-task';
import { isClosed } from '../../../workflows/engine/human-task/rules';

export interface TaskAudiences {
  /** Loads the audience of every active task, so the first change after a start knows who saw the task before. */
  prime(): Promise<void>;
  /** Remembers `task`'s audience and returns the one of the version before it, when known. */
  advance(task: TaskState): TaskAudience | undefined;
}

const audienceOf = (task: TaskAudience): TaskAudience => ({
  assignee: task.assignee,
  candidateRoles: [...task.candidateRoles],
  candidateUsers: [...task.candidateUsers],
});

/**
 * Who could see each active task at its last known version. A reassignment to another role or an escalation
 * takes a task out of some people's sight; their lists still need to hear that it left. Closed tasks are
 * forgotten: they never move again.
 */
export function createTaskAudiences(store: TaskStore, logger: Logger): TaskAudiences {
  const known = new Map<string, { version: number; audience: TaskAudience }>();

  return {
    async prime() {
      let cursor: string | undefined;
      try {
        do {
          const page = await store.listTasks({ status: ['open', 'claimed'], sort: 'created', limit: 500, cursor });
          // A change seen meanwhile is newer than the page: keep it.
          for (const task of page.items)
            if (!known.has(task.id)) known.set(task.id, { version: task.version, audience: audienceOf(task) });
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      } catch (err) {
        logger.warn(
          { err },
          'could not load who sees the active tasks; removals are sent for tasks changed from now on',
        );
      }
    },
    advance(task) {
      const before = known.get(task.id);
      // Priming may already hold this version or a newer one; then who saw the one before is unknown.
      if (before && before.version >= task.version) return undefined;
      if (isClosed(task)) known.delete(task.id);
      else known.set(task.id, { version: task.version, audience: audienceOf(task) });
      return before?.audience;
    },
  };
}
