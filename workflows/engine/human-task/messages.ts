import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, TaskState } from '../../../schemas/engine/human-task';

/** Messages of a human-task workflow. Every Update returns the task's state once the store holds it. */
export const claimTaskUpdate = defineUpdate<TaskState, [{ actor: Actor }]>('claimTask');
export const unclaimTaskUpdate = defineUpdate<TaskState, [{ actor: Actor; comment?: string }]>('unclaimTask');
export const completeTaskUpdate = defineUpdate<TaskState, [{ actor: Actor; data: unknown; comment?: string }]>(
  'completeTask',
);
export const reassignTaskUpdate = defineUpdate<
  TaskState,
  [{ actor: Actor; toUser?: string; toRole?: string; comment?: string }]
>('reassignTask');
export const commentTaskUpdate = defineUpdate<TaskState, [{ actor: Actor; text: string }]>('commentTask');
/** Writes the task's row again (the store lost it or is being rebuilt). */
export const resyncTaskUpdate = defineUpdate<TaskState, []>('resyncTask');
export const taskStateQuery = defineQuery<TaskState>('taskState');
/** Cancels an open task without cancelling its parent (e.g. a supervisor withdraws it). */
export const cancelTaskSignal = defineSignal<[{ actor: string; comment?: string }]>('cancelTask');
