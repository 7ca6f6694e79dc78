import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Cookie } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolderArtifactStore } from '../../activities/engine/artifacts/artifact-store';
import { BrowserPool, type PageProvider } from '../../activities/engine/browser/browser-pool';
import { createPortalActivities } from '../../activities/data-entry';
import { createInvoiceBotActivities } from '../../activities/invoices/invoice-bot';
import { PortalSessions } from '../../activities/systems/portal/portal-sessions';
import { testVendors } from '../fixtures/vendors';
import { startTestPortal, type TestPortal } from '../helpers/bots';

let target: TestPortal;
let pool: BrowserPool;
/** Per lease: the paths the page asked the portal for, and the context's cookies when the activity ended. */
let leases: { paths: string[]; cookies: Cookie[] }[];

/** The real pool, watched: which portal pages each activity opened. */
const watched = (): PageProvider => ({
  withPage: (fn, signal) =>
    pool.withPage(async (lease) => {
      const seen = { paths: [] as string[], cookies: [] as Cookie[] };
      leases.push(seen);
      lease.page.on('request', (r) => seen.paths.push(`${r.method()} ${new URL(r.url()).pathname}`));
      try {
        return await fn(lease);
      } finally {
        seen.cookies = await lease.context.cookies();
      }
    }, signal),
});

/** Runs an activity as a worker would, typed by the activity it runs. */
const runActivity = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> =>
  new MockActivityEnvironment().run(fn, ...args) as Promise<R>;

const signIns = (paths: string[]) => paths.filter((p) => p === 'POST /login').length;

/** Signs a session out as its own "Sign out" button would: the post carries the token of the session's pages. */
async function signOut(cookie: string): Promise<number> {
  const home = await (await fetch(`${target.portal.url}/`, { headers: { cookie }, redirect: 'manual' })).text();
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(home)?.[1] ?? '';
  const logout = await fetch(`${target.portal.url}/logout`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf }),
    redirect: 'manual',
  });
  return logout.status;
}

beforeAll(async () => {
  target = await startTestPortal();
  pool = new BrowserPool({
    actionTimeoutMs: 20_000,
    trace: false,
    maxConcurrentPages: 2,
    recycleAfterPages: 100,
    memoryLimitBytes: 1024 ** 3,
  });
});

afterAll(async () => {
  await pool?.close();
  await target?.close();
});

describe('portal sessions kept by the bots worker', () => {
  it('signs in once: the next activity gets a fresh context that starts signed in', async () => {
    leases = [];
    const deps = {
      pool: watched(),
      portalUrl: target.portal.url,
      credentials: { username: 'bot', password: 'bot-pass' },
      artifacts: createFolderArtifactStore(join(target.dir, 'artifacts')),
      sessions: new PortalSessions(),
    };
    const vendors = createPortalActivities(deps);
    const invoices = createInvoiceBotActivities(deps);
    const [first, second] = testVendors('SESS', 2);
    const entered = await runActivity(vendors.enterVendor, { batchId: 'sessions', row: 1, record: first! });
    await runActivity(vendors.enterVendor, { batchId: 'sessions', row: 2, record: second! });
    const master = await runActivity(invoices.readVendorMaster, { vendorId: entered.vendorId });

    expect(master?.vatId).toBe(first!.vatId);
    expect(leases.map((l) => signIns(l.paths))).toEqual([1, 0, 0]);
    expect([...(await target.vendorCounts([first!.vatId, second!.vatId])).values()]).toEqual([1, 1]);
  });

  it('signs in again, at no cost of an attempt, when the portal no longer honours the saved session', async () => {
    leases = [];
    const sessions = new PortalSessions();
    const deps = {
      pool: watched(),
      portalUrl: target.portal.url,
      credentials: { username: 'bot', password: 'bot-pass' },
      artifacts: createFolderArtifactStore(join(target.dir, 'artifacts')),
      sessions,
      stepAttempts: 1,
    };
    const vendors = createPortalActivities(deps);
    const [first, second] = testVendors('STALE', 2);
    await runActivity(vendors.enterVendor, { batchId: 'stale', row: 1, record: first! });
    // Sign the saved session out behind the bot's back, as an expiry or an administrator would.
    const session = leases[0]!.cookies.find((c) => c.name === 'portal_session');
    expect(session).toBeDefined();
    expect(await signOut(`portal_session=${session!.value}`)).toBe(303);

    // One step attempt only: the stale session must not use it up.
    const result = await runActivity(vendors.enterVendor, { batchId: 'stale', row: 2, record: second! });
    expect(result.outcome).toBe('entered');
    expect(signIns(leases[1]!.paths)).toBe(1);
    expect((await target.vendorCounts([second!.vatId])).get(second!.vatId)).toBe(1);
  });

  it('signs in again when the session ends between the form and its submission, and enters the vendor once', async () => {
    leases = [];
    const pages = watched();
    const [vendor] = testVendors('ENDED', 1);
    // The logout's status, checked after the run: a failed expect inside the route handler would only stall the page.
    let logoutStatus: number | undefined;
    // The first "Create vendor" leaves only after the portal has ended the session it carries.
    const endSessionBeforeCreate: PageProvider = {
      withPage: (fn, signal) =>
        pages.withPage(async (lease) => {
          await lease.page.route(`${target.portal.url}/vendors`, async (route) => {
            try {
              const cookie = (await route.request().allHeaders()).cookie ?? '';
              if (route.request().method() === 'POST' && logoutStatus === undefined) {
                logoutStatus = 0; // stays 0 when the logout itself fails
                logoutStatus = await signOut(cookie);
              }
            } finally {
              await route.continue();
            }
          });
          return fn(lease);
        }, signal),
    };

    const deps = {
      pool: endSessionBeforeCreate,
      portalUrl: target.portal.url,
      credentials: { username: 'bot', password: 'bot-pass' },
      artifacts: createFolderArtifactStore(join(target.dir, 'artifacts')),
      sessions: new PortalSessions(),
    };
    const result = await runActivity(createPortalActivities(deps).enterVendor, {
      batchId: 'ended',
      row: 1,
      record: vendor!,
    });
    expect(logoutStatus).toBe(303);
    expect(result.outcome).toBe('entered');
    const paths = leases[0]!.paths;
    expect(paths.filter((p) => p === 'POST /vendors')).toHaveLength(2);
    // The first sign-in (no saved session yet), then the one the ended session asked for.
    expect(signIns(paths)).toBe(2);
    expect((await target.vendorCounts([vendor!.vatId])).get(vendor!.vatId)).toBe(1);
  });
});
