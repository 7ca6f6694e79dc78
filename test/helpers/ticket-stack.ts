import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { createNotifyActivities } from '../../activities/engine/notify';
import { PiiVault } from '../../activities/engine/pii';
import { createTicketActivities } from '../../activities/tickets';
import { createTaskStoreActivities } from '../../activities/engine/tasks';
import type { LlmDeps } from '../../activities/tickets/triage';
import type { TaskStore } from '../../platform/task-store/task-store';
import type { TicketIntake } from '../../client/tickets/submit-ticket';
import type { FakeOpenAi } from '../fixtures/fake-openai-server';
import { llmActivitiesFor } from './llm';
import { openTestTaskStore } from './task-stores';
import { eventually } from './attended';
import type { TestTemporal } from './temporal';

export interface TicketStack {
  /** The queues, and the vault intake seals raw tickets in (the one the workers open). */
  queues: TicketIntake;
  vault: PiiVault;
  store: TaskStore;
  tickets: ReturnType<typeof createTicketActivities>;
  stop(): Promise<void>;
}

/**
 * The two workers a ticket needs, on fresh queues: the engine side (workflows, redaction, filing, task store)
 * and the llm side (the real openai client against the fake endpoint, or offline without one).
 */
export async function startTicketStack(
  temporal: TestTemporal,
  fake: FakeOpenAi | undefined,
  llm: Partial<LlmDeps> & { budgetTokens?: number } = {},
): Promise<TicketStack> {
  const dir = await mkdtemp(join(tmpdir(), 'tickets-'));
  const store: TaskStore = await openTestTaskStore('pglite');
  const vault = new PiiVault({ dir: join(dir, 'vault') });
  const tickets = createTicketActivities({ dir: join(dir, 'filed'), vault });
  const queues = { main: temporal.newTaskQueue('tickets'), llm: temporal.newTaskQueue('llm'), vault };
  const workers: Worker[] = [
    await temporal.createWorker({
      taskQueue: queues.main,
      activities: { ...tickets, ...createTaskStoreActivities({ store }), ...createNotifyActivities({}) },
    }),
    await temporal.createWorker({ taskQueue: queues.llm, activities: (await llmActivitiesFor(fake, llm)).activities }),
  ];
  const running = workers.map((w) => w.run());
  return {
    queues,
    vault,
    store,
    tickets,
    async stop() {
      workers.forEach((w) => w.shutdown());
      await Promise.all(running);
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Like `eventually`, but a probe that throws (a child not started yet) counts as "not yet". */
export function until<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  return eventually(() => probe().catch(() => undefined), what, timeoutMs);
}
