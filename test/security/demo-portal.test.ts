import { request as httpRequest } from 'node:http';
import { rm } from 'node:fs/promises';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TOTP_LOCKOUT_MS, TOTP_MAX_FAILURES, TotpAttempts } from '../../demo/portal/auth/totp-attempts';
import { startPortal, type RunningPortal } from '../../demo/portal/server';
import { PortalConfigError, startPortalFromEnv } from '../../demo/portal/start-from-env';
import {
  admin,
  csrfTokenOf,
  makeDataDir,
  PortalClient,
  startTestPortal,
  type TestPortal,
} from '../../demo/portal/test/portal-client';

// Issue item 14: the demo portal is published on 0.0.0.0 by the compose file, so it must hold up to the attacks
// a stranger on the network would try. Each test attacks as described and checks the refusal and that the
// portal's data (and its sessions) did not change.

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const EVIL_TARGETS = [
  '//evil.com',
  '/\\evil.com',
  'https://evil.com',
  '%2F%2Fevil.com',
  '/%2F/evil.com',
  '/%5Cevil.com',
  '%252F%252Fevil.com',
  '/\t/evil.com',
  'javascript:alert(1)',
  'HTTPS://evil.com/invoices',
];

/** Everything an attack could change: the stored data and the signed-in sessions. */
function snapshot(portal: RunningPortal): string {
  return JSON.stringify({
    counts: portal.store.counts(),
    users: portal.store.users.all(),
    vendors: portal.store.vendors.all(),
    runs: portal.store.payroll.listRuns(1, 100).items,
    sessions: portal.sessions.activeCount(),
  });
}

/** A six-digit code that is valid for no step within the portal's drift window. */
function wrongCode(secret: string): string {
  const now = Math.floor(Date.now() / 1000);
  const valid = new Set([-60, -30, 0, 30, 60].map((d) => generateSync({ secret, epoch: now + d })));
  for (let n = 0; ; n += 1) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

/**
 * Posts a body of `bytes` bytes and resolves with the status. A raw request, because the server answers 413
 * before the body is read and closes; fetch would report that as a network error.
 */
function postLarge(url: string, bytes: number, cookie = ''): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(bytes),
          ...(cookie ? { cookie } : {}),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close while the body is still being written; the answer has been read by then.
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    chunk.write('username=');
    let sent = 0;
    const writeMore = (): void => {
      while (sent < bytes) {
        const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += part.length;
        if (!req.write(part)) {
          req.once('drain', writeMore);
          return;
        }
      }
      req.end();
    };
    writeMore();
  });
}

let t: TestPortal;
let portal: RunningPortal;

beforeAll(async () => {
  t = await startTestPortal();
  portal = t.portal;
});
afterAll(async () => {
  await t.dispose();
});
beforeEach(async () => {
  await admin(portal, 'POST', '/admin/reset', {});
});

async function addUser(username: string, role: 'viewer' | 'clerk' | 'admin', totpSecret: string | null = null) {
  const added = await admin(portal, 'POST', '/admin/users', {
    users: [{ username, password: `${username}-pass`, role, totpSecret }],
  });
  expect(added.status).toBe(200);
}

async function signedIn(username: string, password = `${username}-pass`): Promise<PortalClient> {
  const client = new PortalClient(portal.url);
  expect((await client.signIn(username, password)).status).toBe(303);
  return client;
}

describe('demo portal: the admin token must be configured', () => {
  it('item 14: without PORTAL_ADMIN_TOKEN the admin routes do not exist, and the old default token opens nothing', async () => {
    const dataDir = await makeDataDir();
    const { portal: fromEnv } = await startPortalFromEnv({
      PORTAL_PORT: '0',
      PORTAL_DATA_DIR: dataDir,
      PORTAL_LOG_LEVEL: 'silent',
    });
    try {
      expect(fromEnv.adminToken).toBeNull();
      const before = snapshot(fromEnv);
      for (const [method, path, body] of [
        ['POST', '/admin/reset', '{"seed":"empty"}'],
        ['POST', '/admin/users', '{"users":[{"username":"mallory","password":"mallory-pass","role":"admin"}]}'],
        ['GET', '/admin/counts', undefined],
      ] as const) {
        const response = await fetch(`${fromEnv.url}${path}`, {
          method,
          headers: { 'x-portal-admin-token': 'portal-admin', 'content-type': 'application/json' },
          body,
        });
        expect(response.status, `${method} ${path}`).toBe(404);
      }
      expect(snapshot(fromEnv)).toBe(before);
    } finally {
      await fromEnv.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('item 14: a short PORTAL_ADMIN_TOKEN stops the start, and a configured one is the only one accepted', async () => {
    await expect(startPortalFromEnv({ PORTAL_PORT: '0', PORTAL_ADMIN_TOKEN: 'portal-admin' })).rejects.toThrow(
      PortalConfigError,
    );
    await expect(startPortal({ port: 0, adminToken: 'portal-admin', logLevel: 'silent' })).rejects.toThrow(
      /at least 32 characters/,
    );

    const before = snapshot(portal);
    for (const token of ['portal-admin', '', `${portal.adminToken}x`]) {
      const response = await fetch(`${portal.url}/admin/reset`, {
        method: 'POST',
        headers: { 'x-portal-admin-token': token, 'content-type': 'application/json' },
        body: '{"seed":"empty"}',
      });
      expect(response.status).toBe(401);
    }
    expect(snapshot(portal)).toBe(before);
    expect(portal.adminToken).toHaveLength(43); // random, 32 bytes in base64url
  });
});

describe('demo portal: TOTP attempts are counted', () => {
  it('item 14: TOTP brute force is locked out after 5 wrong codes, and then even the right code is refused', async () => {
    await addUser('totp-brute', 'clerk', TOTP_SECRET);
    const attacker = new PortalClient(portal.url);
    expect((await attacker.signIn('totp-brute', 'totp-brute-pass')).location).toMatch(/^\/login\/totp/);
    const again = new PortalClient(portal.url);
    await again.signIn('totp-brute', 'totp-brute-pass');
    const before = snapshot(portal);
    const statuses: number[] = [];
    for (let i = 0; i < TOTP_MAX_FAILURES; i += 1)
      statuses.push((await attacker.post('/login/totp', { code: wrongCode(TOTP_SECRET), next: '/' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);

    const right = await attacker.post('/login/totp', { code: generateSync({ secret: TOTP_SECRET }), next: '/' });
    expect(right.status).toBe(429);
    expect(right.body).toContain('Too many wrong codes');
    // A second sign-in with the password does not reset the count: the lockout is the user's.
    expect((await again.post('/login/totp', { code: generateSync({ secret: TOTP_SECRET }) })).status).toBe(429);
    // Nobody got past the code page.
    expect((await attacker.get('/invoices')).location).toMatch(/^\/login\/totp/);
    expect((await again.get('/invoices')).location).toMatch(/^\/login\/totp/);
    expect(snapshot(portal)).toBe(before);
  });

  it('item 14: the TOTP lockout expires, and a fresh right code then works', () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const attempts = new TotpAttempts(() => now);
    const codeAt = (ms: number) => generateSync({ secret: TOTP_SECRET, epoch: Math.floor(ms / 1000) });
    const wrong = String((Number(codeAt(now)) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < TOTP_MAX_FAILURES; i += 1) attempts.check('u', TOTP_SECRET, wrong);
    expect(attempts.check('u', TOTP_SECRET, codeAt(now))).toBe('locked');
    now += TOTP_LOCKOUT_MS - 1000;
    expect(attempts.check('u', TOTP_SECRET, codeAt(now))).toBe('locked');
    now += 1000;
    expect(attempts.check('u', TOTP_SECRET, codeAt(now))).toBe('accepted');
  });

  it('item 14: a TOTP code that was used once cannot be replayed', async () => {
    await addUser('totp-replay', 'clerk', TOTP_SECRET);
    const victim = new PortalClient(portal.url);
    await victim.signIn('totp-replay', 'totp-replay-pass');
    const code = generateSync({ secret: TOTP_SECRET });
    expect((await victim.post('/login/totp', { code, next: '/' })).status).toBe(303);

    const attacker = new PortalClient(portal.url);
    await attacker.signIn('totp-replay', 'totp-replay-pass');
    const before = snapshot(portal);
    const replay = await attacker.post('/login/totp', { code, next: '/' });
    expect(replay.status).toBe(401);
    expect(replay.body).toContain('already been used');
    expect((await attacker.get('/invoices')).location).toMatch(/^\/login\/totp/);
    expect(snapshot(portal)).toBe(before);
  });
});

describe('demo portal: next= accepts only local paths', () => {
  it('item 14: open redirect variants after sign-in all go to the home page', async () => {
    for (const next of EVIL_TARGETS) {
      const client = new PortalClient(portal.url);
      const signIn = await client.post('/login', { username: 'bot', password: 'bot-pass', next });
      expect(signIn.location, `POST /login next=${next}`).toBe('/');
      // Already signed in: the login page forwards at once.
      const forward = await client.get(`/login?${new URLSearchParams({ next }).toString()}`);
      expect(forward.location, `GET /login next=${next}`).toBe('/');
    }
  });

  it('item 14: open redirect variants through the second factor go to the home page', async () => {
    await addUser('totp-next', 'clerk', TOTP_SECRET);
    for (const next of EVIL_TARGETS.slice(0, 4)) {
      const client = new PortalClient(portal.url);
      const first = await client.post('/login', { username: 'totp-next', password: 'totp-next-pass', next });
      expect(first.location).toBe('/login/totp?next=%2F');
      const page = await client.get(`/login/totp?${new URLSearchParams({ next }).toString()}`);
      expect(page.body).not.toContain('evil.com');
    }
  });

  it('item 14: a local next= with a query is kept', async () => {
    const client = new PortalClient(portal.url);
    const signIn = await client.post('/login', {
      username: 'bot',
      password: 'bot-pass',
      next: '/invoices?status=posted',
    });
    expect(signIn.location).toBe('/invoices?status=posted');
  });
});

describe('demo portal: forms carry CSRF tokens', () => {
  const vendor = {
    name: 'Forged Supplies Ltd',
    vatId: 'DE811907980',
    iban: 'DE89370400440532013000',
    email: 'x@example.com',
    address: '1 Main St',
  };

  it('item 14: CSRF missing or wrong on a vendor post is refused with 403 and nothing is created', async () => {
    const victim = await signedIn('bot', 'bot-pass');
    const other = await signedIn('clerk', 'clerk-pass');
    const otherToken = csrfTokenOf((await other.get('/')).body);
    expect(otherToken).toBeTruthy();
    const before = snapshot(portal);
    for (const fields of [
      vendor,
      { ...vendor, _csrf: '' },
      { ...vendor, _csrf: 'forged' },
      { ...vendor, _csrf: otherToken! },
    ]) {
      const forged = await victim.post('/vendors', fields, {}, { csrf: false });
      expect(forged.status).toBe(403);
    }
    expect(snapshot(portal)).toBe(before);
    // The same form with the page's own token goes through.
    expect((await victim.post('/vendors', vendor)).status).toBe(303);
  });

  it('item 14: CSRF on sign-in and sign-out: a forged login or logout is refused and no session changes', async () => {
    const victim = await signedIn('bot', 'bot-pass');
    const before = snapshot(portal);
    const forgedLogin = await new PortalClient(portal.url).post(
      '/login',
      { username: 'clerk', password: 'clerk-pass', next: '/' },
      {},
      { csrf: false },
    );
    expect(forgedLogin.status).toBe(403);
    expect(forgedLogin.headers.get('set-cookie') ?? '').not.toContain('portal_session');
    const forgedLogout = await victim.post('/logout', {}, {}, { csrf: false });
    expect(forgedLogout.status).toBe(403);
    expect((await victim.get('/')).status).toBe(200);
    expect(snapshot(portal)).toBe(before);
  });

  it('item 14: every posting form the portal renders carries the CSRF field, and search forms do not', async () => {
    const client = await signedIn('admin', 'admin-pass');
    const token = csrfTokenOf((await client.get('/')).body)!;
    for (const path of ['/vendors/new', '/vendors/V-0002', '/invoices/new', '/vendors']) {
      const body = (await client.get(path)).body;
      const forms = [...body.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]);
      expect(forms.length, path).toBeGreaterThan(0);
      for (const form of forms) {
        const posts = /method="post"/.test(form);
        expect(form.includes(`name="_csrf" value="${token}"`), `${path}: ${form.slice(0, 80)}`).toBe(posts);
      }
    }
  });
});

describe('demo portal: roles are checked', () => {
  it('item 14: a viewer (wrong role) cannot create a vendor, open HR pages or approve payroll: 403, nothing changed', async () => {
    await addUser('viewer', 'viewer');
    const viewer = await signedIn('viewer');
    const run = portal.store.payroll.listRuns(1, 100).items.find((r) => r.status === 'draft');
    expect(run).toBeDefined();
    const before = snapshot(portal);
    expect((await viewer.get('/vendors')).status).toBe(200);
    expect((await viewer.get('/vendors/new')).status).toBe(403);
    expect(
      (await viewer.post('/vendors', { name: 'X', vatId: 'DE811907980', iban: 'x', email: 'x', address: 'x' })).status,
    ).toBe(403);
    expect((await viewer.get('/employees')).status).toBe(403);
    expect((await viewer.get('/employees/export.csv')).status).toBe(403);
    expect((await viewer.get('/invoices/new')).status).toBe(403);
    expect((await viewer.post(`/payroll-runs/${run!.id}/approve`)).status).toBe(403);
    expect(snapshot(portal)).toBe(before);
  });

  it('item 14: a clerk (wrong role) cannot deactivate a vendor: 403 and the vendor stays active', async () => {
    const clerk = await signedIn('clerk', 'clerk-pass');
    const before = snapshot(portal);
    const refused = await clerk.post('/vendors/V-0002/deactivate');
    expect(refused.status).toBe(403);
    expect(portal.store.vendors.get('V-0002')?.active).toBe(true);
    expect(snapshot(portal)).toBe(before);
  });
});

describe('demo portal: request bodies are small', () => {
  it('item 14: a 64 MiB login body is refused with 413 and no session is made', async () => {
    const before = snapshot(portal);
    expect(await postLarge(`${portal.url}/login`, 64 * 1024 * 1024)).toBe(413);
    expect(await postLarge(`${portal.url}/login`, 16 * 1024 + 1)).toBe(413);
    expect(await postLarge(`${portal.url}/login/totp`, 16 * 1024 + 1)).toBe(413);
    expect(snapshot(portal)).toBe(before);
  });

  it('item 14: a page post over the global limit is refused with 413, before any handler runs', async () => {
    const client = await signedIn('bot', 'bot-pass');
    const before = snapshot(portal);
    expect(
      await postLarge(`${portal.url}/vendors`, 2 * 1024 * 1024, `portal_session=${client.cookie('portal_session')}`),
    ).toBe(413);
    expect(snapshot(portal)).toBe(before);
  });
});
