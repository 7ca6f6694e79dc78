import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer } from '../../client/api/server';
import { loadConfig } from '../../platform/config';
import { connectPostgres } from '../../platform/database/sql-client';
import { createLogger } from '../../platform/logger';
import { createSqlTaskStore } from '../../platform/task-store/sql-task-store';
import type { TaskStore } from '../../platform/task-store/task-store';
import { connectClient } from '../../platform/temporal-connection';
import { login, type ApiSession } from '../helpers/attended';
import { TEST_DATABASE_URL } from '../helpers/task-stores';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

/**
 * Item 12: when Temporal or the database is away, the API answers 503 with Retry-After within 5 s, instead of a
 * 500 after the SDK's ~20 s of retries. The API reaches both through relays the test can cut or hang, while the
 * servers themselves stay up for everyone else. The API is given a client with the SDK's defaults, as any caller
 * would give it.
 */
let temporal: TestTemporal;
let temporalRelay: TcpProxy;
let databaseRelay: TcpProxy;
let apiClient: Client;
let store: TaskStore;
let api: { url: string; close: () => Promise<void> };
let clerk: ApiSession;
let dataDir: string;
const taskQueue = `outages-${randomUUID()}`;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  temporalRelay = await startTcpProxy(temporal.address);
  const database = new URL(TEST_DATABASE_URL);
  databaseRelay = await startTcpProxy(`${database.hostname}:${database.port || 5432}`);
  const relayedDatabase = new URL(TEST_DATABASE_URL);
  relayedDatabase.hostname = '127.0.0.1';
  relayedDatabase.port = String(databaseRelay.port);
  const schema = `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  store = await createSqlTaskStore(await connectPostgres(relayedDatabase.toString(), { schema, max: 2 }));

  dataDir = await mkdtemp(join(tmpdir(), 'outages-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  // A client as every caller makes one (the SDK's default retries): the API must bound its calls by itself.
  apiClient = await connectClient({
    ...config,
    TEMPORAL_NAMESPACE: temporal.namespace,
    address: temporalRelay.address,
  });
  const logger = createLogger({ LOG_LEVEL: 'silent', LOG_FORMAT: 'json' }, 'outages');
  api = await startApiServer({ config, client: apiClient, store, logger, port: 0, taskQueue });
  clerk = await login(api.url, 'clerk');
});
afterAll(async () => {
  await api?.close();
  await apiClient?.connection.close();
  await store?.close();
  await temporalRelay?.close();
  await databaseRelay?.close();
  await temporal?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A request with its answer time. */
async function timed(method: string, path: string, body?: unknown) {
  const started = performance.now();
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${clerk.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as { error?: { code: string; message: string } };
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: json,
    ms: performance.now() - started,
  };
}

const launch = () =>
  timed('POST', '/api/processes/purchase-request/start', {
    input: { item: 'Laptop', amount: 800, currency: 'EUR', justification: 'old one broke' },
  });

/** Runs on this test's queue, counted on the server directly (not through the relay). */
const runsStarted = () => temporal.client.workflow.count(`TaskQueue = "${taskQueue}"`).then((c) => c.count);

const expectUnavailable = (answer: Awaited<ReturnType<typeof timed>>) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(503);
  expect(answer.body.error?.code).toBe('unavailable');
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  expect(answer.ms).toBeLessThan(5_000);
};

describe('item 12: outages answer 503 with Retry-After within 5 s', () => {
  it('reaches Temporal through the relay while it is up', async () => {
    const missing = await timed('GET', `/api/processes/runs/purchase-request:${randomUUID()}`);
    expect(missing.status).toBe(404);
  });

  it('item 12: Temporal down (port closed): launching a process and reading a run answer 503 fast; no run starts', async () => {
    await temporalRelay.cut();
    try {
      expectUnavailable(await launch());
      expectUnavailable(await timed('GET', `/api/processes/runs/purchase-request:${randomUUID()}`));
    } finally {
      await temporalRelay.restore();
    }
    expect(await runsStarted()).toBe(0);
  });

  it('item 12: Temporal hung (connection open, nothing answered): 503 within 5 s; no run starts', async () => {
    // Up again first, so the call below goes out on an open connection that then hangs.
    await expect
      .poll(async () => (await timed('GET', `/api/processes/runs/purchase-request:${randomUUID()}`)).status)
      .toBe(404);
    temporalRelay.freeze();
    try {
      expectUnavailable(await launch());
    } finally {
      await temporalRelay.restore();
    }
    expect(await runsStarted()).toBe(0);
  });

  it('item 12: the database down: the inbox list answers 503 fast, and works again once it is back', async () => {
    expect((await timed('GET', '/api/tasks')).status).toBe(200);
    await databaseRelay.cut();
    try {
      expectUnavailable(await timed('GET', '/api/tasks'));
    } finally {
      await databaseRelay.restore();
    }
    await expect.poll(async () => (await timed('GET', '/api/tasks')).status).toBe(200);
  });
});
