import type { Client } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { BpoCandidateRoles, BpoDueDate, BpoProcess, BpoStatus } from '../../workflows/engine/search-attributes';
import { inParallel } from './stats';
import type { SeedTask } from './seed-tasks';

/**
 * One running workflow per task, carrying the search attributes the task workflow publishes. They run on a task
 * queue no worker polls: visibility indexes them all the same, and nothing else competes for the server.
 */
export async function seedVisibility(client: Client, tasks: SeedTask[], taskQueue: string): Promise<void> {
  await inParallel(tasks, 64, async (task) => {
    await client.workflow.start('humanTaskWorkflow', {
      taskQueue,
      workflowId: task.id,
      args: [],
      typedSearchAttributes: new TypedSearchAttributes([
        { key: BpoProcess, value: task.process },
        { key: BpoStatus, value: task.status },
        { key: BpoCandidateRoles, value: task.candidateRoles },
        { key: BpoDueDate, value: new Date(task.dueAt) },
      ]),
    });
  });
}

/** Visibility's count of what the seed put in: it indexes asynchronously, so the benchmark waits for all of it. */
export async function waitForIndexed(
  client: Client,
  query: string,
  expected: number,
  timeoutMs = 300_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { count } = await client.workflow.count(query);
    if (count >= expected) return;
    if (Date.now() > deadline) throw new Error(`visibility indexed ${count} of ${expected} workflows`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
