import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNotifyActivities } from '../../activities/engine/notify';
import { piiVaultFromConfig } from '../../activities/engine/pii';
import { createTaskStoreActivities } from '../../activities/engine/tasks';
import { createTicketActivities } from '../../activities/tickets';
import { startApiServer } from '../../client/api/server';
import { loadConfig, taskQueue, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import type { TaskStore } from '../../platform/task-store/task-store';
import type { FakeOpenAi } from '../fixtures/fake-openai-server';
import { llmActivitiesFor } from './llm';
import { openTestTaskStore } from './task-stores';
import type { TestTemporal } from './temporal';

export interface TicketApiStack {
  config: Config;
  /** DATA_DIR: filed tickets under `filed/`, the PII vault under `pii-vault/`. */
  dir: string;
  store: TaskStore;
  url: string;
  /** A bearer token per user name, logged in with the demo password. */
  tokens: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Tickets behind the real API, as `npm start` runs them: the main worker (triage workflow, redaction, filing,
 * task store) and the llm worker (against `fake`, or offline without one) on queues of their own.
 */
export async function startTicketApiStack(
  temporal: TestTemporal,
  label: string,
  users: readonly string[],
  fake?: FakeOpenAi,
): Promise<TicketApiStack> {
  const dir = await mkdtemp(join(tmpdir(), `${label}-`));
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE_PREFIX: `${label}-${randomUUID().slice(0, 8)}-`,
  });
  const store = await openTestTaskStore('pglite');
  const workers = [
    await temporal.createWorker({
      taskQueue: taskQueue(config, 'main'),
      activities: {
        ...createTicketActivities({ dir: join(dir, 'filed'), vault: piiVaultFromConfig(config) }),
        ...createTaskStoreActivities({ store }),
        ...createNotifyActivities({}),
      },
    }),
    await temporal.createWorker({
      taskQueue: taskQueue(config, 'llm'),
      activities: (await llmActivitiesFor(fake)).activities,
    }),
  ];
  const running = workers.map((w) => w.run());
  const api = await startApiServer({
    config,
    client: temporal.client,
    store,
    logger: createLogger(config, label),
    port: 0,
  });
  const tokens: Record<string, string> = {};
  for (const user of users) {
    const login = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password: `${user}-pass` }),
    });
    tokens[user] = ((await login.json()) as { token: string }).token;
  }
  return {
    config,
    dir,
    store,
    url: api.url,
    tokens,
    async stop() {
      await api.close();
      workers.forEach((w) => w.shutdown());
      await Promise.all(running);
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
