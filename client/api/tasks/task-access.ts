import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { TaskState } from '../../../schemas/engine/human-task';
import { canSeeTask, type Viewer } from '../../../platform/task-store/visibility';
import { resyncTaskUpdate, taskStateQuery } from '../../../workflows/engine/human-task/messages';
import type { humanTaskWorkflow } from '../../../workflows/engine/human-task/human-task';
import type { ApiDeps } from '../context';
import { fromUpdateError, notFound } from '../errors';

const TASK_WORKFLOW_TYPE: (typeof humanTaskWorkflow)['name'] = 'humanTaskWorkflow';

/**
 * Reads a task from the store; when the row is missing but Temporal knows the task, the row is rebuilt:
 * a running task workflow rewrites it itself, a closed one is copied from its final state.
 */
export async function loadTask(deps: Pick<ApiDeps, 'client' | 'store' | 'logger'>, taskId: string): Promise<TaskState> {
  const row = await deps.store.getTask(taskId);
  if (row) return row;
  const handle = deps.client.workflow.getHandle(taskId);
  let description;
  try {
    description = await handle.describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notFound(`task ${taskId} does not exist`);
    throw err;
  }
  if (description.type !== TASK_WORKFLOW_TYPE) throw notFound(`task ${taskId} does not exist`);
  deps.logger.warn({ taskId }, 'task missing from the store; rebuilding its row from Temporal');
  if (description.status.name === 'RUNNING') {
    try {
      return await handle.executeUpdate(resyncTaskUpdate);
    } catch (err) {
      // It closed meanwhile: fall through and copy its final state.
      if (!/already completed/i.test(String(err))) throw err;
    }
  }
  const state = await handle.query(taskStateQuery);
  await deps.store.upsertTask(state);
  return state;
}

/**
 * Reads a task for `viewer`: 404 when it does not exist or the viewer may not see it (the inbox list's rule), the
 * same answer both times so that a refusal does not tell that the task exists.
 */
export async function loadVisibleTask(
  deps: Pick<ApiDeps, 'client' | 'store' | 'logger'>,
  taskId: string,
  viewer: Viewer,
): Promise<TaskState> {
  const task = await loadTask(deps, taskId);
  if (!canSeeTask(task, viewer)) throw notFound(`task ${taskId} does not exist`);
  return task;
}

/** Sends one Update to a task as `actor`; a refusal becomes the matching API error and changes nothing. */
export async function updateTask<Args extends object>(
  deps: Pick<ApiDeps, 'client' | 'store' | 'logger'>,
  taskId: string,
  update: UpdateDefinition<TaskState, [Args]>,
  args: Args,
): Promise<TaskState> {
  await loadTask(deps, taskId);
  try {
    return await deps.client.workflow.getHandle(taskId).executeUpdate(update, { args: [args] });
  } catch (err) {
    throw fromUpdateError(err, `task ${taskId}`);
  }
}
