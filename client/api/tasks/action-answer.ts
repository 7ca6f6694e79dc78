import { canSeeTask } from '../../../platform/task-store/visibility';
import type { TaskState } from '../../../schemas/engine/human-task';
import type { ApiUser } from '../context';
import { taskDetail } from './task-view';

/**
 * What a task action answers: the task page while the user may still see the task, else only its id, status and
 * version (e.g. an assignee who handed the task to another role no longer reads its context).
 */
export function actionAnswer(task: TaskState, user: ApiUser, artifactsRoot: string) {
  return canSeeTask(task, user)
    ? taskDetail(task, user, artifactsRoot)
    : { id: task.id, status: task.status, version: task.version };
}
