import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { createActorSigner, type SignedArgs } from '../../platform/actor-keys';
import type { Actor, TaskState } from '../../schemas/engine/human-task';

// The development key, as the API signs in development and tests; production refuses it.
const sign = createActorSigner();

/** The arguments of a task Update, signed as the API signs them. */
export function signedArgs<A extends { actor: Actor }>(
  taskId: string,
  update: UpdateDefinition<TaskState, [A]>,
  args: A,
): [SignedArgs<A>] {
  return [sign(taskId, update.name, args)];
}

/** Sends an Update to a task as the API does: with the actor signed. */
export function actOnTask<A extends { actor: Actor }>(
  task: WorkflowHandle,
  update: UpdateDefinition<TaskState, [A]>,
  args: A,
): Promise<TaskState> {
  return task.executeUpdate(update, { args: signedArgs(task.workflowId, update, args) });
}
