import type { Client } from '@temporalio/client';
import type { Actor } from '../../schemas/engine/human-task';
import { completeTaskUpdate } from '../../workflows/engine/human-task/messages';

/** Completes a task once its workflow exists (a parent starts it a moment after asking for it). */
export async function completeTask(client: Client, taskId: string, actor: Actor, data: unknown): Promise<void> {
  const task = client.workflow.getHandle(taskId);
  for (let i = 0; i < 600; i++) {
    if (
      await task.describe().then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await task.executeUpdate(completeTaskUpdate, { args: [{ actor, data }] });
}
