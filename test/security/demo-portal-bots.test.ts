import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../activities/engine/browser/browser-pool';
import { LoginPage } from '../../activities/systems/portal/pages/login-page';
import { PortalClient } from '../../demo/portal/test/portal-client';
import { startTestPortal, type TestPortal } from '../helpers/bots';

// Issue item 14: a TOTP code is good once. A bot account with a second factor whose code another page has just
// used must still sign in (it waits for the next code), and the refused reuse must not count towards a lockout.

const TOTP_SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
const STEP_MS = 30_000;

let target: TestPortal;
let pool: BrowserPool;

beforeAll(async () => {
  target = await startTestPortal();
  pool = new BrowserPool({
    actionTimeoutMs: 20_000,
    trace: false,
    maxConcurrentPages: 1,
    recycleAfterPages: 100,
    memoryLimitBytes: 1024 ** 3,
  });
  await target.admin('POST', '/admin/users', {
    users: [{ username: 'totp-bot', password: 'totp-bot-pass', role: 'clerk', totpSecret: TOTP_SECRET }],
  });
});
afterAll(async () => {
  await pool.close();
  await target.close();
});

describe('demo portal: TOTP replay and the bots', () => {
  it('item 14: a bot whose code was just used waits for the next code and signs in; the reuse is refused', async () => {
    // Start early in a 30-second step, so the bot's first code is the one just used.
    await expect.poll(() => Date.now() % STEP_MS < STEP_MS / 2, { timeout: STEP_MS, interval: 200 }).toBe(true);
    const person = new PortalClient(target.portal.url);
    await person.signIn('totp-bot', 'totp-bot-pass');
    expect((await person.post('/login/totp', { code: generateSync({ secret: TOTP_SECRET }) })).status).toBe(303);

    const codePosts: number[] = [];
    await pool.withPage(async (lease) => {
      lease.page.on('response', (r) => {
        if (r.request().method() === 'POST' && new URL(r.url()).pathname === '/login/totp') codePosts.push(r.status());
      });
      await new LoginPage(lease.page, target.portal.url).signIn(
        { username: 'totp-bot', password: 'totp-bot-pass', totpSecret: TOTP_SECRET },
        '/vendors',
      );
      expect(new URL(lease.page.url()).pathname).toBe('/vendors');
    });
    expect(codePosts).toEqual([401, 303]);
  });
});
