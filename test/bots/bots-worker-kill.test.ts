import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchProgress } from '../../client/data-entry/batch-progress';
import { validateRecords } from '../../client/data-entry/read-records';
import { startDataEntry } from '../../client/data-entry/start-data-entry';
import { testVendors } from '../fixtures/vendors';
import { startTestPortal, type TestPortal } from '../helpers/bots';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let temporal: TestTemporal;
let target: TestPortal;
let workflows: Worker;
let running: Promise<void>;
const prefix = `kill-${Date.now()}-`;
const mainQueue = `${prefix}main`;
const root = resolve(__dirname, '../..');
const children = new Set<ChildProcess>();

/** The real bots worker entry (workers/bots.ts) as its own process group, so SIGKILL takes its Chromium too. */
function startBotsProcess(): ChildProcess {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['workers/bots.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TASK_QUEUE_PREFIX: prefix,
      PORTAL_URL: target.portal.url,
      ARTIFACTS_DIR: join(target.dir, 'artifacts'),
      BOTS_MAX_CONCURRENT_PAGES: '3',
      BOTS_ACTION_TIMEOUT_MS: '20000',
      LOG_LEVEL: 'error',
    },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  process.kill(-(child.pid as number), 'SIGKILL');
  await exited;
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  temporal = await connectTestTemporal();
  // Slow pages keep the batch running long enough to be cut in the middle.
  target = await startTestPortal({ latency: { minMs: 100, maxMs: 300 } });
  workflows = await temporal.createWorker({ taskQueue: mainQueue });
  running = workflows.run();
});

afterAll(async () => {
  for (const child of children) await kill(child).catch(() => undefined);
  workflows?.shutdown();
  await running;
  await target?.close();
  await temporal?.close();
});

describe('bots worker killed in the middle of a batch', () => {
  it('finishes the batch after a restart, with every record in the portal exactly once', async () => {
    const vendors = testVendors('KILL', 10);
    const vatIds = vendors.map((v) => v.vatId);
    const entered = async () => [...(await target.vendorCounts(vatIds)).values()].filter((n) => n > 0).length;
    const file = { source: 'kill.json', contentHash: `kill-${Date.now()}`, ...validateRecords(vendors) };

    const first = startBotsProcess();
    const batch = await startDataEntry(temporal.client, file, {
      mainTaskQueue: mainQueue,
      botsTaskQueue: `${prefix}bots`,
      chunkSize: 5,
      parallelism: 2,
      heartbeatTimeoutSeconds: 8,
    });
    await until(async () => (await entered()) >= 2, 150_000);
    await kill(first);
    const atKill = await entered();
    expect(atKill).toBeLessThan(vendors.length);
    expect((await batchProgress(temporal.client, batch.workflowId)).status).toBe('running');

    startBotsProcess();
    const report = await batch.handle.result();

    // Records the killed worker entered without reporting back are found by the look-up, not entered again.
    expect(report.counts.entered + report.counts.alreadyPresent).toBe(vendors.length);
    expect(report.counts).toMatchObject({ rejected: 0, failed: 0 });
    for (const [vatId, n] of await target.vendorCounts(vatIds)) expect({ vatId, n }).toEqual({ vatId, n: 1 });
  }, 240_000);
});
