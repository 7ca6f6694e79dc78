import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchedules } from '../client/schedules/apply-schedules';
import { loadScheduleDefinitions, scheduleScope } from '../client/schedules/load-definitions';
import { wholeDay, type ScheduleDefinition } from '../client/schedules';
import { loadConfig, taskQueue, type Config } from '../platform/config';
import { openTaskStore, type TaskStore } from '../platform/task-store/open-task-store';
import { startPortal } from '../portal/server';
import { mainActivities } from '../workers/main-worker';
import { generatePayroll } from './fixtures/payroll-generator';
import { loadPayroll } from './fixtures/portal-admin';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

let temporal: TestTemporal;
let client: Client;
let dir: string;
let config: Config;
let portal: Awaited<ReturnType<typeof startPortal>>;
let taskStore: TaskStore;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  client = temporal.client;
  dir = await mkdtemp(join(tmpdir(), 'schedules-'));
  portal = await startPortal({ port: 0, dataDir: join(dir, 'portal'), seed: 'empty' });
  const clean = generatePayroll(50, 0);
  await loadPayroll(portal.url, [
    { header: { runId: 'PR-2026-10', periodStart: '2026-10-01', periodEnd: '2026-10-31' }, records: clean.previous },
    { header: { runId: 'PR-2026-11', periodStart: '2026-11-01', periodEnd: '2026-11-30' }, records: clean.current },
  ]);
  config = loadConfig({
    DATA_DIR: dir,
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE_PREFIX: `sched-${randomUUID().slice(0, 8)}-`,
    PORTAL_URL: portal.url,
    PORTAL_USER: 'clerk',
    PORTAL_PASSWORD: 'clerk-pass',
    HOLIDAYS_FILE: join(__dirname, '../config/holidays.yaml'),
  });
  taskStore = await openTaskStore(config);
  worker = await temporal.createWorker({ taskQueue: taskQueue(config, 'main'), activities: mainActivities(config, { taskStore }) });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  for await (const s of client.schedule.list()) if (s.scheduleId.startsWith(scheduleScope(config))) await client.schedule.getHandle(s.scheduleId).delete();
  worker?.shutdown();
  await running;
  await taskStore?.close();
  await portal?.close();
  await temporal?.close();
  await rm(dir, { recursive: true, force: true });
});

const payrollScheduleId = () => `${scheduleScope(config)}nightly-payroll-check`;

async function workflowsOf(scheduleId: string, atLeast: number): Promise<string[]> {
  const handle = client.schedule.getHandle(scheduleId);
  await expect.poll(async () => (await handle.describe()).info.numActionsTaken, { timeout: 30_000, interval: 200 }).toBeGreaterThanOrEqual(atLeast);
  return (await handle.describe()).info.recentActions.map((a) => a.action.workflow.workflowId);
}

describe('schedules defined in code', () => {
  it('applies idempotently: the second apply changes nothing', async () => {
    const definitions = await loadScheduleDefinitions(config);
    const first = await applySchedules(client, definitions, { prune: true, scope: scheduleScope(config) });
    expect(first.map((o) => o.change)).toEqual(['created', 'created']);
    const before = await client.schedule.getHandle(payrollScheduleId()).describe();

    const second = await applySchedules(client, definitions, { prune: true, scope: scheduleScope(config) });
    expect(second.map((o) => o.change)).toEqual(['unchanged', 'unchanged']);
    const after = await client.schedule.getHandle(payrollScheduleId()).describe();
    expect(after.info.lastUpdatedAt).toEqual(before.info.lastUpdatedAt);

    // A changed definition is updated in place, and the holidays are in its skip list.
    const changed = await applySchedules(client, await loadScheduleDefinitions({ ...config, PAYROLL_CHECK_AT: '03:15' }), { scope: scheduleScope(config) });
    expect(changed.find((o) => o.scheduleId === payrollScheduleId())?.change).toBe('updated');
    const spec = (await client.schedule.getHandle(payrollScheduleId()).describe()).spec;
    expect(spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }], minute: [{ start: 15, end: 15, step: 1 }] });
    expect(spec.skip?.length).toBeGreaterThanOrEqual(5);
    await applySchedules(client, definitions, { scope: scheduleScope(config) });
  });

  it('trigger runs the payroll check now', async () => {
    await applySchedules(client, await loadScheduleDefinitions(config), { scope: scheduleScope(config) });
    const handle = client.schedule.getHandle(payrollScheduleId());
    const before = (await handle.describe()).info.numActionsTaken;
    await handle.trigger();
    const [workflowId] = (await workflowsOf(payrollScheduleId(), before + 1)).slice(-1);
    const result = await client.workflow.getHandle(workflowId as string).result();
    expect(result).toMatchObject({ runId: 'PR-2026-11', outcome: 'approved', employeesChecked: 50 });
  });

  it('backfill runs each missed night, for the run of the night it stands for, and skips holidays', async () => {
    const handle = client.schedule.getHandle(payrollScheduleId());
    const before = (await handle.describe()).info.numActionsTaken;
    // Three nights in November, and Christmas Eve to Boxing Day: the 25th and 26th are holidays.
    await handle.backfill([
      { start: new Date('2026-11-10T00:00:00Z'), end: new Date('2026-11-13T00:00:00Z'), overlap: ScheduleOverlapPolicy.BUFFER_ALL },
      { start: new Date('2026-12-24T00:00:00Z'), end: new Date('2026-12-27T00:00:00Z'), overlap: ScheduleOverlapPolicy.BUFFER_ALL },
    ]);
    await workflowsOf(payrollScheduleId(), before + 4);
    const scheduled: string[] = [];
    for (const action of (await handle.describe()).info.recentActions.slice(-4)) scheduled.push(action.scheduledAt.toISOString().slice(0, 10));
    expect(scheduled).toEqual(['2026-11-10', '2026-11-11', '2026-11-12', '2026-12-24']);
    // The nights of November check November's run; December's run does not exist yet, so that night fails.
    const results = await Promise.allSettled(
      (await handle.describe()).info.recentActions.slice(-4).map((a) => client.workflow.getHandle(a.action.workflow.workflowId).result()),
    );
    expect(results.slice(0, 3).map((r) => r.status === 'fulfilled' && (r.value as { runId: string }).runId)).toEqual(['PR-2026-11', 'PR-2026-11', 'PR-2026-11']);
    expect(results[3]?.status).toBe('rejected');
    // A failed nightly run pauses the schedule until someone looks at it.
    await expect.poll(async () => (await handle.describe()).state.paused, { timeout: 15_000 }).toBe(true);
  });

  it('a paused schedule does not run until unpaused', async () => {
    const scheduleId = `${scheduleScope(config)}every-second-probe`;
    const probe: ScheduleDefinition = {
      scheduleId,
      description: 'test probe',
      spec: { intervals: [{ every: '1 second' }] },
      action: { type: 'startWorkflow', workflowType: 'payrollCheck', args: [{ runId: 'PR-2026-11', approveWhenClean: false }], taskQueue: taskQueue(config, 'main') },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      state: { paused: true },
    };
    await applySchedules(client, [probe], { scope: scheduleId });
    const handle = client.schedule.getHandle(scheduleId);
    const pausedAt = Date.now();
    // Let at least three of its times pass (observed on the server's clock), then look.
    await expect.poll(async () => Date.now() - pausedAt, { timeout: 10_000, interval: 500 }).toBeGreaterThan(3_000);
    expect((await handle.describe()).info.numActionsTaken).toBe(0);
    await handle.unpause('test');
    await workflowsOf(scheduleId, 1);
    await handle.delete();
  });

  it('skips a whole holiday, every second of it', () => {
    expect(wholeDay('2026-12-25')).toEqual({
      year: 2026,
      month: 'DECEMBER',
      dayOfMonth: 25,
      hour: { start: 0, end: 23 },
      minute: { start: 0, end: 59 },
      second: { start: 0, end: 59 },
    });
  });
});
