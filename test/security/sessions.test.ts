import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../activities/engine/browser/find-chromium';
import { createTokenService } from '../../client/api/auth/tokens';
import { connectPostgres, openPglite } from '../../platform/database/sql-client';
import { createSqlTaskStore } from '../../platform/task-store/sql-task-store';
import { callApi, login, startAttendedStack, taskPath, type ApiSession, type AttendedStack } from '../helpers/attended';
import { startStandaloneTask } from '../helpers/standalone-task';
import { openTestTaskStore, TEST_DATABASE_URL } from '../helpers/task-stores';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';
import { startAuthApi } from './auth-api';

let temporal: TestTemporal;
let stack: AttendedStack;
let approver: ApiSession;
let clerk: ApiSession;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  temporal = await connectTestTemporal();
  stack = await startAttendedStack(temporal);
  [approver, clerk] = await Promise.all([login(stack.url, 'approver'), login(stack.url, 'clerk')]);
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await stack?.stop();
  await temporal?.close();
});

/** A request as a browser would send it with the session cookie, from the page at `origin` (if any). */
async function withCookie(
  method: string,
  path: string,
  token: string,
  headers: Record<string, string> = {},
  body?: unknown,
) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      cookie: `bpo_session=${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, setCookie: response.headers.get('set-cookie'), body: text ? JSON.parse(text) : {} };
}

/** An open approval task in the store, and its version and audit trail as they are before an attack. */
async function openTask() {
  const handle = await startStandaloneTask(temporal.client, stack.taskQueue, 'sessions-test');
  await expect.poll(() => stack.store.getTask(handle.workflowId)).toBeDefined();
  const before = await approver.call('GET', taskPath(handle.workflowId));
  const audit = await approver.call('GET', `/api/audit/tasks/${encodeURIComponent(handle.workflowId)}`);
  return { id: handle.workflowId, version: before.body.version as number, audit: audit.body };
}

async function expectUnchanged(task: Awaited<ReturnType<typeof openTask>>) {
  const now = await approver.call('GET', taskPath(task.id));
  expect(now.body).toMatchObject({ version: task.version, status: 'open' });
  expect(now.body.assignee ?? null).toBeNull();
  expect((await approver.call('GET', `/api/audit/tasks/${encodeURIComponent(task.id)}`)).body).toEqual(task.audit);
}

describe('revocation in the database (item 11)', () => {
  it('item 11: logout on one API process revokes the token on another process on the same database', async () => {
    const schema = `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const stores = [
      await createSqlTaskStore(await connectPostgres(TEST_DATABASE_URL, { schema, max: 2 })),
      await createSqlTaskStore(await connectPostgres(TEST_DATABASE_URL, { schema, max: 2 })),
    ];
    const [a, b] = [await startAuthApi(temporal, stores[0]!), await startAuthApi(temporal, stores[1]!)];
    cleanups.push(async () => {
      await a.close();
      await b.close();
      for (const store of stores) await store.close();
    });
    const session = await login(a.url, 'clerk');
    expect((await callApi(b.url, 'GET', '/api/me', undefined, session.token)).status).toBe(200);
    expect((await callApi(a.url, 'POST', '/api/auth/logout', undefined, session.token)).status).toBe(200);
    expect((await callApi(a.url, 'GET', '/api/me', undefined, session.token)).status).toBe(401);
    expect((await callApi(b.url, 'GET', '/api/me', undefined, session.token)).status).toBe(401);
    const byCookie = await fetch(`${b.url}/api/me`, { headers: { cookie: `bpo_session=${session.token}` } });
    expect(byCookie.status).toBe(401);
  });

  it('item 11: a revocation is purged once its token has expired anyway', async () => {
    const db = await openPglite();
    cleanups.push(() => db.close());
    await createSqlTaskStore(db); // applies the migrations
    const tokens = createTokenService('a-secret-of-at-least-16', 60_000, db);
    const start = Date.parse('2030-01-01T08:00:00Z');
    const first = tokens.issue('clerk', start);
    await tokens.revoke(first.claims, start);
    expect(await tokens.verify(first.token, start + 1)).toBeUndefined();
    const second = tokens.issue('clerk', start + 30_000);
    await tokens.revoke(second.claims, start + 60_001);
    const rows = await db.query<{ jti: string }>('SELECT jti FROM revoked_sessions');
    expect(rows.map((r) => r.jti)).toEqual([second.claims.jti]);
  });
});

describe('tokens in URLs (item 11)', () => {
  it('item 11: ?token= is refused on every route but the event stream, and changes nothing', async () => {
    const task = await openTask();
    const query = `?token=${encodeURIComponent(approver.token)}`;
    expect((await callApi(stack.url, 'GET', `/api/me${query}`)).status).toBe(401);
    expect((await callApi(stack.url, 'GET', `/api/tasks${query}`)).status).toBe(401);
    expect((await callApi(stack.url, 'GET', `${taskPath(task.id)}${query}`)).status).toBe(401);
    const claim = await callApi(stack.url, 'POST', `${taskPath(task.id)}/claim${query}`);
    expect(claim.status).toBe(401);
    await expectUnchanged(task);
    // The event stream, which EventSource clients cannot give a header, still takes it.
    const abort = new AbortController();
    const stream = await fetch(`${stack.url}/api/events${query}`, { signal: abort.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
    abort.abort();
  });

  it('item 11: a token in the URL never reaches the logs, even when the request fails', async () => {
    const store = await openTestTaskStore('pglite');
    const api = await startAuthApi(temporal, store);
    cleanups.push(() => api.close());
    const session = await login(api.url, 'clerk');
    const secret = encodeURIComponent(session.token);
    // The database goes away: checking the session fails, and the server logs the failure.
    await store.close();
    const headers = { authorization: `Bearer ${session.token}` };
    expect((await fetch(`${api.url}/api/tasks?token=${secret}&q=x`, { headers })).status).toBe(500);
    expect((await fetch(`${api.url}/api/events?token=${secret}`)).status).toBe(500);
    await expect.poll(() => api.logs.filter((l) => l.includes('request failed')).length).toBe(2);
    const logged = api.logs.join('\n');
    expect(logged).toContain('"url":"/api/tasks"');
    expect(logged).toContain('"url":"/api/events"');
    expect(logged).not.toContain(session.token);
    expect(logged).not.toContain(session.token.split('.')[1]);
    expect(logged).not.toContain('token=');
  });
});

describe('cross-site request forgery (item 11)', () => {
  const evil = { origin: 'http://127.0.0.1:1' }; // another port on the same host: the same site for SameSite

  it('item 11: a cookie-authenticated claim from another origin, or with no origin, is refused and the task is unchanged', async () => {
    const task = await openTask();
    const claim = `${taskPath(task.id)}/claim`;
    const attacks: Record<string, string>[] = [
      evil,
      { origin: 'null' },
      { referer: 'http://evil.example/page' },
      {}, // no Origin and no Referer: nothing says where it came from
      { origin: 'http://evil.example', referer: `${stack.url}/` }, // Origin decides over a Referer
    ];
    for (const headers of attacks) {
      const refused = await withCookie('POST', claim, approver.token, headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(refused.body.error.code).toBe('cross_origin_refused');
    }
    await expectUnchanged(task);
    // From the inbox's own origin, the cookie works; with the Authorization header no Origin is needed.
    expect((await withCookie('POST', claim, approver.token, { origin: stack.url })).status).toBe(200);
    expect((await approver.call('POST', `${taskPath(task.id)}/unclaim`)).status).toBe(200);
  });

  it('item 11: a cross-site launch with the cookie starts no run', async () => {
    const start = '/api/processes/purchase-request/start';
    const input = {
      item: `Forged ${randomUUID()}`,
      amount: 800,
      currency: 'EUR',
      justification: 'sent by another site',
    };
    const refused = await withCookie('POST', start, clerk.token, evil, { input });
    expect(refused.status).toBe(403);
    const allowed = await clerk.call('POST', start, { input: { ...input, item: 'Genuine laptop' } });
    expect(allowed.status).toBe(201);
    await expect
      .poll(() => stack.store.listTasks({ process: 'purchase-request', q: 'Genuine laptop' }))
      .toMatchObject({
        items: [expect.anything()],
      });
    expect((await stack.store.listTasks({ process: 'purchase-request', q: input.item })).items).toEqual([]);
  });

  it('item 11: another site can neither log a browser out nor log it in', async () => {
    const session = await login(stack.url, 'clerk');
    const logout = await withCookie('POST', '/api/auth/logout', session.token, evil);
    expect(logout.status).toBe(403);
    expect(logout.setCookie).toBeNull();
    expect((await session.call('GET', '/api/me')).status).toBe(200);

    const response = await fetch(`${stack.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ username: 'clerk', password: 'clerk-pass' }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('the inbox in the browser (item 11)', () => {
  it('item 11: inbox pages send CSP with frame-ancestors none, nosniff and Referrer-Policy; API answers nosniff', async () => {
    for (const path of ['/', '/app.js', '/styles.css', '/some/inbox/route']) {
      const response = await fetch(`${stack.url}${path}`);
      expect(response.status, path).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toContain('unsafe-eval');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
    }
    for (const [path, token] of [
      ['/api/me', approver.token],
      ['/api/tasks', undefined],
      ['/api/no-such-route', approver.token],
    ] as const) {
      const response = await fetch(`${stack.url}${path}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
  });

  it('item 11: after logging in, the inbox keeps no token where scripts read it, works under its CSP, and logs out for good', async () => {
    const browser = await chromium.launch({
      executablePath: findChromium(process.env.CHROMIUM_PATH).path,
      args: chromiumArgs(),
    });
    cleanups.push(() => browser.close());
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(stack.url);
    await page.getByLabel('Username').fill('approver');
    await page.getByLabel('Password').fill('approver-pass');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.locator('#live-state[data-state="live"]').waitFor();

    const [cookie] = (await context.cookies()).filter((c) => c.name === 'bpo_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const readable = await page.evaluate(() => ({
      session: Object.fromEntries(Object.entries(sessionStorage)),
      local: Object.fromEntries(Object.entries(localStorage)),
      cookies: document.cookie,
    }));
    expect(readable).toEqual({ session: {}, local: {}, cookies: '' });
    expect(JSON.stringify(readable)).not.toContain(cookie!.value);

    // A reload finds the user again by the cookie alone.
    await page.reload();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();

    // Logging out is a cookie-authenticated POST from the inbox's own origin: accepted, and the token is dead.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    expect((await callApi(stack.url, 'GET', '/api/me', undefined, cookie!.value)).status).toBe(401);
    expect(violations).toEqual([]);
  });
});
