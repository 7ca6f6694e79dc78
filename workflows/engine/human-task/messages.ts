import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActorProof } from '../../../schemas/engine/actor-signature';
import type { Actor, TaskState } from '../../../schemas/engine/human-task';

/** Who acts, and the API's signature over it (see schemas/engine/actor-signature.ts); the task refuses it unsigned. */
export interface Acting {
  actor: Actor;
  proof?: ActorProof;
}

/** Messages of a human-task workflow. Every Update returns the task's state once the store holds it. */
export const claimTaskUpdate = defineUpdate<TaskState, [Acting]>('claimTask');
export const unclaimTaskUpdate = defineUpdate<TaskState, [Acting & { comment?: string }]>('unclaimTask');
export const completeTaskUpdate = defineUpdate<TaskState, [Acting & { data: unknown; comment?: string }]>(
  'completeTask',
);
export const reassignTaskUpdate = defineUpdate<
  TaskState,
  [Acting & { toUser?: string; toRole?: string; comment?: string }]
>('reassignTask');
export const commentTaskUpdate = defineUpdate<TaskState, [Acting & { text: string }]>('commentTask');
/** Writes the task's row again (the store lost it or is being rebuilt). */
export const resyncTaskUpdate = defineUpdate<TaskState, []>('resyncTask');
/** Reloads the keys actors are verified with: a signature by a key newer than the task's is refused until then. */
export const refreshActorKeysUpdate = defineUpdate<void, []>('refreshActorKeys');
export const taskStateQuery = defineQuery<TaskState>('taskState');
/**
 * Cancels an open task without cancelling its parent (e.g. a supervisor withdraws it). Since signed actors it
 * must carry a supervisor's signed actor; older runs took a bare name.
 */
export const cancelTaskSignal =
  defineSignal<[{ actor: string | Actor; comment?: string; proof?: ActorProof }]>('cancelTask');
