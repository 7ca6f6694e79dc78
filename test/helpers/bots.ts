import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChaosSettings } from '../../portal/chaos';
import { startPortal, type RunningPortal } from '../../portal/server';
import { loadConfig, type Config } from '../../platform/config';

export interface TestPortal {
  portal: RunningPortal;
  dir: string;
  /** Calls an admin JSON route with the admin token. */
  admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** How many vendors the portal holds per VAT id (the exactly-once check). */
  vendorCounts(vatIds: string[]): Promise<Map<string, number>>;
  close(): Promise<void>;
}

/** The real portal on a free port with a data folder of its own. */
export async function startTestPortal(chaos: Partial<ChaosSettings> = {}): Promise<TestPortal> {
  const dir = await mkdtemp(join(tmpdir(), 'bots-portal-'));
  const portal = await startPortal({ port: 0, dataDir: join(dir, 'portal'), chaos });
  const admin = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${portal.url}${path}`, {
      method,
      headers: { 'x-portal-admin-token': portal.adminToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    portal,
    dir,
    admin,
    async vendorCounts(vatIds) {
      const { vendors } = await admin<{ vendors: Array<{ vatId: string }> }>('GET', '/admin/vendors');
      const counts = new Map(vatIds.map((v) => [v, 0]));
      for (const v of vendors) if (counts.has(v.vatId)) counts.set(v.vatId, (counts.get(v.vatId) ?? 0) + 1);
      return counts;
    },
    async close() {
      await portal.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Engine config for bots in a test: the test's Temporal namespace, portal, artifacts folder and queue prefix. */
export function botsTestConfig(env: Record<string, string>): Config {
  return loadConfig({ LOG_LEVEL: 'warn', BOTS_MAX_CONCURRENT_PAGES: '3', BOTS_ACTION_TIMEOUT_MS: '20000', ...env });
}
