import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { createNotifyActivities } from '../../activities/engine/notify';
import { createPurchasingActivities } from '../../activities/purchasing';
import { createTaskStoreActivities } from '../../activities/engine/tasks';
import { startApiServer } from '../../client/api/server';
import { artifactsDir, loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import type { TaskStore } from '../../platform/task-store/task-store';
import { openTestTaskStore, type StoreKind } from './task-stores';
import type { TestTemporal } from './temporal';

export interface AttendedStack {
  url: string;
  taskQueue: string;
  store: TaskStore;
  worker: Worker;
  /** The artifacts folder the API serves evidence from (DATA_DIR/artifacts). */
  artifactsDir: string;
  stop(): Promise<void>;
}

/**
 * Everything attended work needs, for one test file: a task store, a worker on a fresh task queue running the
 * task and demo workflows with their activities, and the HTTP API on a free port.
 */
export async function startAttendedStack(
  temporal: TestTemporal,
  options: { storeKind?: StoreKind; webhookUrl?: string } = {},
): Promise<AttendedStack> {
  const store = await openTestTaskStore(options.storeKind ?? 'pglite');
  const dataDir = await mkdtemp(join(tmpdir(), 'attended-'));
  const taskQueue = temporal.newTaskQueue('attended');
  const worker = await temporal.createWorker({
    taskQueue,
    activities: {
      ...createTaskStoreActivities({ store }),
      ...createNotifyActivities({ webhookUrl: options.webhookUrl }),
      ...createPurchasingActivities({ dir: join(dataDir, 'purchasing') }),
    },
  });
  const running = worker.run();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', DATA_DIR: dataDir });
  const logger = createLogger(
    { LOG_LEVEL: process.env.LOG_LEVEL === undefined ? 'warn' : (process.env.LOG_LEVEL as 'warn'), LOG_FORMAT: 'json' },
    'api-test',
  );
  const api = await startApiServer({ config, client: temporal.client, store, logger, port: 0, taskQueue });
  return {
    url: api.url,
    taskQueue,
    store,
    worker,
    artifactsDir: artifactsDir(config),
    async stop() {
      await api.close();
      worker.shutdown();
      await running;
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// Response bodies are whatever JSON the API sent; tests check them with expect().
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  body: T;
}

/** A logged-in user of the API, as a test drives it. */
export interface ApiSession {
  token: string;
  call<T = Json>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
}

export async function callApi<T = Json>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<ApiResponse<T>> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function login(url: string, username: string, password = `${username}-pass`): Promise<ApiSession> {
  const res = await callApi(url, 'POST', '/api/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${JSON.stringify(res.body)}`);
  const token = res.body.token as string;
  return { token, call: (method, path, body) => callApi(url, method, path, body, token) };
}

/** Waits for a condition the system reaches on its own (a store write, a timer), checking often. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;
