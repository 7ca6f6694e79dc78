import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { createActorSigner, type ActorSigner } from '../../../platform/actor-keys';
import type { Config } from '../../../platform/config';
import { unknownKeyPath } from '../../../schemas/engine/actor-signature';
import type { Actor, TaskState } from '../../../schemas/engine/human-task';
import { canSeeTask, type Viewer } from '../../../platform/task-store/visibility';
import {
  refreshActorKeysUpdate,
  resyncTaskUpdate,
  taskStateQuery,
} from '../../../workflows/engine/human-task/messages';
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

const signers = new WeakMap<Config, ActorSigner>();

/** One signer per configuration: the keys are parsed once. */
function signerFor(config: Config): ActorSigner {
  let signer = signers.get(config);
  if (!signer) signers.set(config, (signer = createActorSigner(config)));
  return signer;
}

/** The task does not know the key that signed (opened before it, or before signed actors): it must reload keys. */
function needsNewKeys(err: unknown): boolean {
  if (!(err instanceof WorkflowUpdateFailedError) || !(err.cause instanceof ApplicationFailure)) return false;
  const fields = err.cause.details?.[0];
  return Array.isArray(fields) && fields.some((f: { path?: unknown }) => f?.path === unknownKeyPath);
}

/**
 * Sends one Update to a task as `actor`, signed (the task refuses actors the API did not sign for this task,
 * Update and arguments); a refusal becomes the matching API error and changes nothing.
 */
export async function updateTask<Args extends { actor: Actor }>(
  deps: Pick<ApiDeps, 'client' | 'store' | 'logger' | 'config'>,
  taskId: string,
  update: UpdateDefinition<TaskState, [Args]>,
  args: Args,
): Promise<TaskState> {
  await loadTask(deps, taskId);
  const handle = deps.client.workflow.getHandle(taskId);
  const send = () => handle.executeUpdate(update, { args: [signerFor(deps.config)(taskId, update.name, args)] });
  try {
    try {
      return await send();
    } catch (err) {
      if (!needsNewKeys(err)) throw err;
      deps.logger.info({ taskId }, 'the task does not know the signing key yet; it reloads its keys');
      await handle.executeUpdate(refreshActorKeysUpdate);
      return await send();
    }
  } catch (err) {
    throw fromUpdateError(err, `task ${taskId}`);
  }
}
