import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChaosSettings } from '../../demo/portal/chaos';
import { startPortal, type RunningPortal } from '../../demo/portal/server';
import { loadConfig, type Config } from '../../platform/config';
import { createBotsWorker } from '../../workers/bots-worker';
import type { DisposableWorker } from '../../workers/run-worker-entry';
import { admin as adminCall } from '../../demo/portal/test/portal-client';
import type { TestTemporal } from './temporal';

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
    const { status, json } = await adminCall<T>(portal, method, path, body);
    if (status < 200 || status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
    return json;
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
function botsTestConfig(env: Record<string, string>): Config {
  return loadConfig({ LOG_LEVEL: 'warn', BOTS_MAX_CONCURRENT_PAGES: '3', BOTS_ACTION_TIMEOUT_MS: '20000', ...env });
}

export interface BotsStack {
  target: TestPortal;
  bots: DisposableWorker;
  /** The queue of the workflows' worker, and the bots worker's. */
  mainQueue: string;
  botsQueue: string;
  stop(): Promise<void>;
}

/**
 * The real portal (with chaos, when given), a bots worker against it, and a worker for the workflows with these
 * activities, each on a task queue of its own.
 */
export async function startBotsStack(
  temporal: TestTemporal,
  options: { name: string; chaos?: Partial<ChaosSettings>; activities?: Record<string, (...args: never[]) => unknown> },
): Promise<BotsStack> {
  const target = await startTestPortal(options.chaos);
  const mainQueue = temporal.newTaskQueue(`${options.name}-main`);
  const botsQueue = temporal.newTaskQueue(`${options.name}-bots`);
  const config = botsTestConfig({
    TEMPORAL_NAMESPACE: temporal.namespace,
    PORTAL_URL: target.portal.url,
    ARTIFACTS_DIR: join(target.dir, 'artifacts'),
  });
  const bots = await createBotsWorker(temporal.nativeConnection, config, { queue: botsQueue });
  const workflows = await temporal.createWorker({ taskQueue: mainQueue, activities: options.activities ?? {} });
  const running = Promise.all([bots.worker.run(), workflows.run()]);
  return {
    target,
    bots,
    mainQueue,
    botsQueue,
    async stop() {
      bots.worker.shutdown();
      workflows.shutdown();
      await running;
      await bots.dispose();
      await target.close();
    },
  };
}
