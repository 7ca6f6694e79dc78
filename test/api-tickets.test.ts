import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifyActivities } from '../activities/engine/notify';
import { piiVaultFromConfig } from '../activities/engine/pii';
import { createTaskStoreActivities } from '../activities/engine/tasks';
import { createTicketActivities } from '../activities/tickets';
import { startApiServer } from '../client/api/server';
import { loadConfig, taskQueue } from '../platform/config';
import { createLogger } from '../platform/logger';
import type { TaskStore } from '../platform/task-store/task-store';
import { llmActivitiesFor } from './helpers/llm';
import { openTestTaskStore } from './helpers/task-stores';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

let temporal: TestTemporal;
let dir: string;
let store: TaskStore;
let workers: Worker[] = [];
let running: Promise<void>[] = [];
let api: { url: string; close(): Promise<void> };
let token: string;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  dir = await mkdtemp(join(tmpdir(), 'api-tickets-'));
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE_PREFIX: `apit-${randomUUID().slice(0, 8)}-`,
  });
  store = await openTestTaskStore('pglite');
  // No API key: the offline summariser serves, as on a fresh machine.
  workers = [
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
      activities: (await llmActivitiesFor(undefined)).activities,
    }),
  ];
  running = workers.map((w) => w.run());
  api = await startApiServer({
    config,
    client: temporal.client,
    store,
    logger: createLogger(config, 'api-tickets'),
    port: 0,
  });
  const login = await fetch(`${api.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'clerk', password: 'clerk-pass' }),
  });
  token = ((await login.json()) as { token: string }).token;
});

afterAll(async () => {
  await api?.close();
  workers.forEach((w) => w.shutdown());
  await Promise.all(running);
  await store?.close();
  await temporal?.close();
  await rm(dir, { recursive: true, force: true });
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  auth = true,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('tickets over the HTTP API', () => {
  it('refuses a caller who is not logged in', async () => {
    expect((await call('POST', '/api/tickets', {}, false)).status).toBe(401);
  });

  it('names the bad fields and starts nothing', async () => {
    const { status, json } = await call('POST', '/api/tickets', { ticketId: 'T 1', subject: '', messages: [] });
    expect(status).toBe(422);
    const fields = (json.error as { fields: { path: string }[] }).fields.map((f) => f.path);
    expect(fields).toEqual(expect.arrayContaining(['ticketId', 'subject', 'messages']));
  });

  it('starts triage once, reports a resubmission as a conflict, and shows the ticket in review', async () => {
    const ticket = {
      ticketId: `T-API-${Date.now()}`,
      subject: 'Charged twice',
      messages: [{ from: 'anna@example.de', body: 'I was charged twice for my order. Please refund.' }],
    };
    const first = await call('POST', '/api/tickets', ticket);
    expect(first).toEqual({ status: 201, json: { workflowId: `ticket:${ticket.ticketId}` } });
    const again = await call('POST', '/api/tickets', ticket);
    expect(again.status).toBe(409);
    expect((again.json.error as { message: string }).message).toContain('submitted before');

    // Offline summaries always go to a person.
    await expect
      .poll(async () => (await call('GET', `/api/tickets/ticket:${ticket.ticketId}`)).json.status, { timeout: 30_000 })
      .toBe('in-review');
    const refreshed = await call('POST', `/api/tickets/ticket:${ticket.ticketId}/refresh-summary`);
    expect(refreshed.status).toBe(200);
    expect(refreshed.json).toMatchObject({ businessKey: `ticket:${ticket.ticketId}` });
  });

  it('answers 404 for an unknown ticket', async () => {
    expect((await call('GET', '/api/tickets/ticket:NOPE-1')).status).toBe(404);
  });
});
