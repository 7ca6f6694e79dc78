import { Writable } from 'node:stream';
import pino from 'pino';
import { startApiServer } from '../../client/api/server';
import { loadConfig } from '../../platform/config';
import type { TaskStore } from '../../platform/task-store/task-store';
import type { TestTemporal } from '../helpers/temporal';

export interface AuthApi {
  url: string;
  /** Every line the API logged, as written. */
  logs: string[];
  close(): Promise<void>;
}

/** The HTTP API on a free port over `store`, with extra settings (e.g. login limits) and its log lines kept. */
export async function startAuthApi(
  temporal: TestTemporal,
  store: TaskStore,
  env: Record<string, string> = {},
): Promise<AuthApi> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', TEMPORAL_NAMESPACE: temporal.namespace, ...env });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const api = await startApiServer({ config, client: temporal.client, store, logger, port: 0 });
  return { url: api.url, logs, close: api.close };
}

export interface LoginAnswer {
  status: number;
  retryAfter: string | null;
  setCookie: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** One login attempt as an attacker sends it, with what the answer says and sets. */
export async function attemptLogin(
  url: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<LoginAnswer> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    setCookie: response.headers.get('set-cookie'),
    body: await response.json(),
  };
}
