import { canSeeTask } from '../../../platform/task-store/visibility';
import type { TaskState } from '../../../schemas/engine/human-task';
import type { ApiUser } from '../context';
import { taskDetail, type TaskViewDeps } from './task-view';

/**
 * What a task action answers: the task page while the user may still see the task, else only its id, status and
 * version (e.g. an assignee who handed the task to another role no longer reads its context).
 */
export async function actionAnswer(task: TaskState, user: ApiUser, view: TaskViewDeps) {
  return canSeeTask(task, user)
    ? await taskDetail(task, user, view)
    : { id: task.id, status: task.status, version: task.version };
}
