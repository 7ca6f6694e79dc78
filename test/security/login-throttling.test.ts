import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../../client/api/auth/login-throttle';
import { connectPostgres, openPglite } from '../../platform/database/sql-client';
import { createSqlTaskStore } from '../../platform/task-store/sql-task-store';
import type { TaskStore } from '../../platform/task-store/task-store';
import { openTestTaskStore, TEST_DATABASE_URL } from '../helpers/task-stores';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';
import { attemptLogin, startAuthApi, type AuthApi } from './auth-api';

let temporal: TestTemporal;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  temporal = await connectTestTemporal();
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await temporal?.close();
});

/** An API of its own (own database, so own counters) with these login limits. */
async function apiWith(env: Record<string, string>, store?: TaskStore): Promise<AuthApi> {
  const own = store ?? (await openTestTaskStore('pglite'));
  const api = await startAuthApi(temporal, own, env);
  cleanups.push(async () => {
    await api.close();
    if (!store) await own.close();
  });
  return api;
}

// Every wrong password costs a full scrypt (by design); a busy machine needs the room.
const slow = { timeout: 300_000 };

const wrong = () => `wrong-${randomUUID()}`;

describe('login throttling per user (item 10)', slow, () => {
  let api: AuthApi;
  beforeAll(async () => {
    api = await apiWith({ LOGIN_MAX_FAILURES_PER_USER: '5', LOGIN_MAX_FAILURES_PER_IP: '1000' });
  });

  it('item 10: five wrong passwords lock the user: the next login, even with the right password, gets 429 with Retry-After and no session', async () => {
    for (let i = 0; i < 5; i++) expect((await attemptLogin(api.url, 'approver', wrong())).status).toBe(401);
    const locked = await attemptLogin(api.url, 'approver', 'approver-pass');
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({
      error: { code: 'too_many_attempts', message: expect.stringMatching(/try again in/) },
    });
    expect(Number(locked.retryAfter)).toBeGreaterThan(14 * 60);
    expect(Number(locked.retryAfter)).toBeLessThanOrEqual(15 * 60);
    // Nothing was handed out: no token, no cookie.
    expect(locked.setCookie).toBeNull();
    expect(locked.body.token).toBeUndefined();
    // The same name in another spelling shares the counter.
    expect((await attemptLogin(api.url, ' APPROVER ', 'approver-pass')).status).toBe(429);
    // Other users are not affected.
    expect((await attemptLogin(api.url, 'clerk', 'clerk-pass')).status).toBe(200);
  });

  it('item 10: an unknown user name is locked the same way, so a lockout does not tell which names exist', async () => {
    const name = `nobody-${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 5; i++) expect((await attemptLogin(api.url, name, wrong())).status).toBe(401);
    const locked = await attemptLogin(api.url, name, wrong());
    expect(locked.status).toBe(429);
    expect(locked.retryAfter).not.toBeNull();
  });

  it('item 10: a successful login resets the user counter', async () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect((await attemptLogin(api.url, 'approver2', wrong())).status).toBe(401);
      expect((await attemptLogin(api.url, 'approver2', 'approver2-pass')).status).toBe(200);
    }
  });

  it('item 10: a burst of parallel guesses cannot slip past the limit', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => attemptLogin(api.url, 'manager', wrong())));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect((await attemptLogin(api.url, 'manager', 'manager-pass')).status).toBe(429);
  });
});

describe('login throttling per address (item 10)', slow, () => {
  it('item 10: failures spread over many user names lock the address; then even a valid login from it gets 429', async () => {
    const api = await apiWith({ LOGIN_MAX_FAILURES_PER_USER: '100', LOGIN_MAX_FAILURES_PER_IP: '4' });
    // A forged X-Forwarded-For does not make each attempt come from somewhere else (no proxy is trusted).
    for (let i = 0; i < 4; i++) {
      const forged = { 'x-forwarded-for': `198.51.100.${i}` };
      expect((await attemptLogin(api.url, `sprayed-${i}`, wrong(), forged)).status).toBe(401);
    }
    const locked = await attemptLogin(api.url, 'clerk', 'clerk-pass', { 'x-forwarded-for': '198.51.100.200' });
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    expect(locked.setCookie).toBeNull();
  });
});

describe('login throttling behind a trusted proxy (item 10)', slow, () => {
  it('item 10: with API_TRUST_PROXY the address the proxy reports is the one counted and locked', async () => {
    const api = await apiWith({
      LOGIN_MAX_FAILURES_PER_USER: '100',
      LOGIN_MAX_FAILURES_PER_IP: '2',
      API_TRUST_PROXY: '127.0.0.1',
    });
    const from = (address: string) => ({ 'x-forwarded-for': address });
    for (let i = 0; i < 2; i++)
      expect((await attemptLogin(api.url, `probe-${i}`, wrong(), from('203.0.113.7'))).status).toBe(401);
    expect((await attemptLogin(api.url, 'clerk', 'clerk-pass', from('203.0.113.7'))).status).toBe(429);
    // Another client behind the same proxy is not locked out with it.
    expect((await attemptLogin(api.url, 'clerk', 'clerk-pass', from('203.0.113.8'))).status).toBe(200);
  });
});

describe('login throttling kept in the database (item 10)', slow, () => {
  it('item 10: two API replicas on one database share the counters: failures on both add up to a lockout on both', async () => {
    const schema = `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const stores = [
      await createSqlTaskStore(await connectPostgres(TEST_DATABASE_URL, { schema, max: 2 })),
      await createSqlTaskStore(await connectPostgres(TEST_DATABASE_URL, { schema, max: 2 })),
    ];
    cleanups.push(async () => {
      for (const store of stores) await store.close();
    });
    const env = { LOGIN_MAX_FAILURES_PER_USER: '5', LOGIN_MAX_FAILURES_PER_IP: '1000' };
    const [a, b] = [await apiWith(env, stores[0]), await apiWith(env, stores[1])];
    for (let i = 0; i < 3; i++) expect((await attemptLogin(a.url, 'clerk', wrong())).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await attemptLogin(b.url, 'clerk', wrong())).status).toBe(401);
    expect((await attemptLogin(a.url, 'clerk', 'clerk-pass')).status).toBe(429);
    expect((await attemptLogin(b.url, 'clerk', 'clerk-pass')).status).toBe(429);
  });

  it('item 10: a lockout ends by itself once its time has passed, and the count starts afresh', async () => {
    const db = await openPglite();
    cleanups.push(() => db.close());
    await createSqlTaskStore(db); // applies the migrations
    let now = Date.parse('2030-01-01T08:00:00Z');
    const limit = { maxFailures: 3, windowMs: 15 * 60_000, lockoutMs: 15 * 60_000 };
    const throttle = createLoginThrottle(db, { perUser: limit, perIp: { ...limit, maxFailures: 100 }, now: () => now });
    const attempt = async () => {
      const { retryAfterMs } = await throttle.begin('clerk', '203.0.113.9');
      if (retryAfterMs === 0) await throttle.failed();
      return retryAfterMs;
    };
    for (let i = 0; i < 3; i++) expect(await attempt()).toBe(0);
    expect(await attempt()).toBe(15 * 60_000);
    now += 10 * 60_000;
    expect(await attempt()).toBe(5 * 60_000);
    now += 5 * 60_000 + 1;
    // Free again, with a whole new allowance.
    for (let i = 0; i < 3; i++) expect(await attempt()).toBe(0);
    expect(await attempt()).toBe(15 * 60_000);
  });
});

describe('equal-time answers (item 10)', slow, () => {
  it('item 10: an unknown user’s login takes as long as a known user’s wrong password (medians within 0.5–2)', async () => {
    const api = await apiWith({ LOGIN_MAX_FAILURES_PER_USER: '1000', LOGIN_MAX_FAILURES_PER_IP: '1000' });
    const timed = async (username: string) => {
      const started = performance.now();
      const answer = await attemptLogin(api.url, username, wrong());
      expect(answer.status).toBe(401);
      return performance.now() - started;
    };
    // The first unknown name makes the process's dummy hash once; the measurements start after it.
    await timed('warm-up-nobody');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await timed('clerk'));
      unknown.push(await timed(`nobody-${i}`));
    }
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    const ratio = median(unknown) / median(known);
    expect(ratio, `known ${known.map(Math.round)} ms, unknown ${unknown.map(Math.round)} ms`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
