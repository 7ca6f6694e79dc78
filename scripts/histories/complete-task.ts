import type { Client } from '@temporalio/client';
import type { Actor } from '../../schemas/engine/human-task';
import { completeTaskUpdate } from '../../workflows/engine/human-task/messages';
import { actOnTask } from '../../test/helpers/signed-task-updates';

/** Waits until a workflow exists: a parent starts its task a moment after asking for it. */
export async function waitForWorkflow(client: Client, workflowId: string, tries = 600) {
  const task = client.workflow.getHandle(workflowId);
  for (let i = 0; i < tries; i++) {
    if (
      await task.describe().then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return task;
}

/** Completes a task once its workflow exists. */
export async function completeTask(client: Client, taskId: string, actor: Actor, data: unknown): Promise<void> {
  const task = await waitForWorkflow(client, taskId);
  await actOnTask(task, completeTaskUpdate, { actor, data });
}
