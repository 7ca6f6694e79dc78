import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Config } from '../../platform/config';
import { CliError, ExitCode } from './context';

/** Where `bpo login` keeps its token, next to the engine's other local data. */
const sessionFile = (config: Pick<Config, 'DATA_DIR'>) => join(config.DATA_DIR, 'cli-session.json');

export const apiUrlOf = (config: Pick<Config, 'API_PORT'>) =>
  (process.env.BPO_API_URL ?? `http://127.0.0.1:${config.API_PORT}`).replace(/\/+$/, '');

interface SavedSession {
  url: string;
  token: string;
  username: string;
}

/** One HTTP call to the API; an error answer becomes a CliError with the API's message and field errors. */
export async function apiRequest<T>(
  url: string,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new CliError(
      `Cannot reach the API at ${url} (${(err as Error).message}). Start the engine with \`npm start\`, or set BPO_API_URL.`,
    );
  }
  const payload = (await response.json().catch(() => undefined)) as
    { error?: { code: string; message: string; fields?: { path: string; message: string }[] } } | undefined;
  if (!response.ok) {
    const error = payload?.error;
    const fields = error?.fields?.map((f) => `\n    ${f.path || '(form)'}: ${f.message}`).join('') ?? '';
    const exit = response.status === 422 ? ExitCode.invalidInput : ExitCode.failed;
    throw new CliError(
      `✖ ${response.status} ${error?.code ?? ''}: ${error?.message ?? response.statusText}${fields}`,
      exit,
    );
  }
  return payload as T;
}

export async function login(config: Config, username: string, password: string): Promise<SavedSession> {
  const url = apiUrlOf(config);
  const result = await apiRequest<{ token: string }>(url, 'POST', '/api/auth/login', undefined, { username, password });
  const session = { url, token: result.token, username };
  await mkdir(dirname(sessionFile(config)), { recursive: true });
  await writeFile(sessionFile(config), JSON.stringify(session), { mode: 0o600 });
  return session;
}

/** A client for the API: logs in from BPO_USER/BPO_PASSWORD when set, else uses the token `bpo login` saved. */
export async function apiClient(config: Config) {
  let session: SavedSession | undefined;
  if (process.env.BPO_USER && process.env.BPO_PASSWORD) {
    const url = apiUrlOf(config);
    const { token } = await apiRequest<{ token: string }>(url, 'POST', '/api/auth/login', undefined, {
      username: process.env.BPO_USER,
      password: process.env.BPO_PASSWORD,
    });
    session = { url, token, username: process.env.BPO_USER };
  } else {
    session = await readFile(sessionFile(config), 'utf8').then(
      (t) => JSON.parse(t) as SavedSession,
      () => undefined,
    );
  }
  if (!session)
    throw new CliError(
      'Not logged in: run `bpo login --user <name>` or set BPO_USER and BPO_PASSWORD.',
      ExitCode.invalidInput,
    );
  const { url, token } = session;
  return {
    username: session.username,
    get: <T>(path: string) => apiRequest<T>(url, 'GET', path, token),
    post: <T>(path: string, body?: unknown) => apiRequest<T>(url, 'POST', path, token, body),
  };
}

export const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;
