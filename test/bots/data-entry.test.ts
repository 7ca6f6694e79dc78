import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../../activities/engine/artifacts/artifact-store';
import { createTaskStoreActivities } from '../../activities/engine/tasks';
import { batchProgress } from '../../client/data-entry/batch-progress';
import { validateRecords } from '../../client/data-entry/read-records';
import { startDataEntry } from '../../client/data-entry/start-data-entry';
import type { TaskStore } from '../../platform/task-store/task-store';
import { completeTaskUpdate, taskStateQuery } from '../../workflows/engine/human-task/messages';
import { germanIban, testVendors, withBadChecksum } from '../fixtures/vendors';
import { eventually } from '../helpers/attended';
import { startBotsStack, type BotsStack, type TestPortal } from '../helpers/bots';
import { openTestTaskStore } from '../helpers/task-stores';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';
import { actOnTask } from '../helpers/signed-task-updates';

let temporal: TestTemporal;
let stack: BotsStack;
let target: TestPortal;
let store: TaskStore;
let mainQueue: string;
let botsQueue: string;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  // A rejected row becomes a human task, which keeps the task store current.
  store = await openTestTaskStore('pglite');
  // Every kind of chaos at once: slow pages, random 500s, short sessions, and the changed layout.
  stack = await startBotsStack(temporal, {
    name: 'data-entry',
    chaos: { latency: { minMs: 10, maxMs: 120 }, errorRate: 0.05, sessionTtlSeconds: 60, layout: 'v2', seed: 42 },
    activities: createTaskStoreActivities({ store }),
  });
  ({ target, mainQueue, botsQueue } = stack);
});

afterAll(async () => {
  await stack?.stop();
  await store?.close();
  await temporal?.close();
});

describe('vendor data entry by bots', () => {
  it('enters every record exactly once through latency, 500s, expired sessions and layout v2', async () => {
    const fresh = testVendors('CHAOS', 6);
    const present = testVendors('CHAOS', 2, 100);
    // Two vendors exist before the batch: the bots must find them, not enter them again.
    await target.admin('POST', '/admin/vendors', {
      vendors: present.map((v) => ({ name: v.name, vatId: v.vatId, iban: v.iban, email: v.email, address: v.address })),
    });
    const items: unknown[] = [...fresh, ...present, { ...fresh[0], vatId: '123456789', email: 'nope' }];
    const file = { source: 'chaos.json', contentHash: `chaos-${Date.now()}`, ...validateRecords(items) };
    expect(file.invalid).toEqual([
      {
        row: 9,
        errors: [
          { path: 'vatId', message: expect.stringContaining('country prefix') },
          { path: 'email', message: 'must be an email address' },
        ],
      },
    ]);

    const batch = await startDataEntry(temporal.client, file, {
      mainTaskQueue: mainQueue,
      botsTaskQueue: botsQueue,
      chunkSize: 4,
      parallelism: 2,
      chunkConcurrency: 2,
    });
    // Every session is also cut twice while the bots work, as when an administrator logs everyone out.
    const cuts = [10_000, 30_000].map((ms) =>
      setTimeout(() => void target.admin('POST', '/admin/sessions/expire').catch(() => undefined), ms),
    );
    const report = await batch.handle.result().finally(() => cuts.forEach(clearTimeout));

    expect(report.counts).toEqual({ entered: 6, alreadyPresent: 2, rejected: 0, failed: 0, invalid: 1 });
    expect(report.needsReview).toEqual([]);
    const counts = await target.vendorCounts([...fresh, ...present].map((v) => v.vatId));
    for (const [vatId, n] of counts) expect({ vatId, n }).toEqual({ vatId, n: 1 });
    const chaos = await target.admin<{ stats: { injectedErrors: number } }>('GET', '/admin/chaos');
    expect(chaos.stats.injectedErrors).toBeGreaterThan(0);

    const progress = await batchProgress(temporal.client, batch.workflowId);
    expect(progress).toMatchObject({ status: 'completed', total: 8, done: 8, entered: 6, alreadyPresent: 2 });
    expect(progress.chunks.map((c) => c.status)).toEqual(['done', 'done']);

    // The same file again is the same batch: attached to, not entered twice.
    const again = await startDataEntry(temporal.client, file, { mainTaskQueue: mainQueue, botsTaskQueue: botsQueue });
    expect(again.started).toBe(false);
  }, 300_000);

  it('turns a record the portal rejects into an exception task whose evidence files show the error', async () => {
    await target.admin('POST', '/admin/chaos/reset');
    const [good, bad] = testVendors('REJECT', 2);
    const rejected = { ...bad!, iban: withBadChecksum(bad!.iban) };
    const file = { source: 'reject.json', contentHash: `reject-${Date.now()}`, ...validateRecords([good, rejected]) };
    const batch = await startDataEntry(temporal.client, file, {
      mainTaskQueue: mainQueue,
      botsTaskQueue: botsQueue,
      chunkSize: 10,
      parallelism: 2,
    });

    const waiting = await eventually(
      async () => (await batchProgress(temporal.client, batch.workflowId).catch(() => undefined))?.waitingTasks[0],
      'the exception task',
      120_000,
    );
    expect(waiting).toMatchObject({ row: 2, vatId: rejected.vatId, attempt: 1 });
    const task = temporal.client.workflow.getHandle(waiting.taskId);
    // The batch lists the task as soon as it asks for it; the task's own workflow starts a moment later.
    const state = await eventually(
      () => task.query(taskStateQuery).catch(() => undefined),
      'the exception task started',
      30_000,
    );
    expect(state.context).toMatchObject({ rejection: expect.stringContaining('check digits do not match') });
    const files = new Map(
      state.evidence.map((e) => [
        e.url.slice(e.url.lastIndexOf('/') + 1),
        artifactPath({ name: e.label, uri: e.url, bytes: 0 }),
      ]),
    );
    expect([...files.keys()].sort()).toEqual(['error.txt', 'page.html', 'screenshot.png', 'trace.zip']);
    expect(await readFile(files.get('page.html')!, 'utf8')).toContain('the check digits do not match');
    expect((await readFile(files.get('screenshot.png')!)).subarray(1, 4).toString()).toBe('PNG');
    expect((await readFile(files.get('trace.zip')!)).subarray(0, 2).toString()).toBe('PK');

    await actOnTask(task, completeTaskUpdate, {
      actor: { username: 'clerk', roles: ['clerk'] },
      data: { decision: 'dismiss', comment: 'left out on purpose' },
    });
    const report = await batch.handle.result();
    expect(report.counts).toMatchObject({ entered: 1, rejected: 1 });
    expect(report.exceptions).toEqual([
      expect.objectContaining({ row: 2, vatId: rejected.vatId, resolution: 'dismissed', by: 'clerk' }),
    ]);
    expect(report.needsReview).toEqual([]);
    expect((await target.vendorCounts([rejected.vatId])).get(rejected.vatId)).toBe(0);
    expect(germanIban('37040044', '532013000')).toBe('DE89370400440532013000');
  }, 180_000);
});
