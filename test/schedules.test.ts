import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
import { startPortal } from '../demo/portal/server';
import { payrollRunHeader, payrollRunIdFor } from '../schemas/payroll/payroll-run-id';
import { mainActivities } from '../workers/main-worker';
import { generatePayroll } from './fixtures/payroll-generator';
import { loadPayroll, portalAdmin } from './fixtures/portal-admin';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

let temporal: TestTemporal;
let client: Client;
let dir: string;
let config: Config;
let portal: Awaited<ReturnType<typeof startPortal>>;
let taskStore: TaskStore;
let worker: Worker;
let running: Promise<void>;

// Every date here is relative to the day the test runs: this month's run is checked; next month's run is broken;
// the month after has no run yet, and two of its days are holidays in the test's own calendar.
const now = new Date();
const monthStart = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
const dayOf = (offset: number, day: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, day));
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const thisRun = payrollRunHeader(payrollRunIdFor(monthStart(0)));
const lastRun = payrollRunHeader(payrollRunIdFor(monthStart(-1)));
const brokenRun = payrollRunHeader(payrollRunIdFor(monthStart(1)));
const emptyMonth = payrollRunIdFor(monthStart(2));
const holidays = [dayOf(2, 25), dayOf(2, 26), dayOf(3, 1), dayOf(3, 2), dayOf(3, 3)].map(isoDay);

beforeAll(async () => {
  temporal = await connectTestTemporal();
  client = temporal.client;
  dir = await mkdtemp(join(tmpdir(), 'schedules-'));
  portal = await startPortal({ port: 0, dataDir: join(dir, 'portal'), seed: 'empty' });
  const clean = generatePayroll(50, 0);
  await loadPayroll(portal, [
    { header: lastRun, records: clean.previous },
    { header: thisRun, records: clean.current },
  ]);
  // A line for a person the payroll system does not know: that run's export cannot be checked, so its night fails.
  const lines = clean.current.map(({ status: _s, terminationDate: _t, ...l }) => l);
  await portalAdmin(portal, 'POST', '/payroll-runs', {
    payrollRuns: [
      {
        id: brokenRun.runId,
        periodStart: brokenRun.periodStart,
        periodEnd: brokenRun.periodEnd,
        lines: [...lines, { ...lines[0], employeeId: 'E-77777' }],
      },
    ],
  });
  const holidaysFile = join(dir, 'holidays.yaml');
  await writeFile(
    holidaysFile,
    `holidays:\n${holidays.map((d, i) => `  - { date: ${d}, name: Test holiday ${i + 1} }`).join('\n')}\n`,
  );
  config = loadConfig({
    DATA_DIR: dir,
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE_PREFIX: `sched-${randomUUID().slice(0, 8)}-`,
    PORTAL_URL: portal.url,
    PORTAL_USER: 'clerk',
    PORTAL_PASSWORD: 'clerk-pass',
    HOLIDAYS_FILE: holidaysFile,
  });
  taskStore = await openTaskStore(config);
  worker = await temporal.createWorker({
    taskQueue: taskQueue(config, 'main'),
    activities: mainActivities(config, { taskStore }),
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  for await (const s of client.schedule.list())
    if (s.scheduleId.startsWith(scheduleScope(config))) await client.schedule.getHandle(s.scheduleId).delete();
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
  await expect
    .poll(async () => (await handle.describe()).info.numActionsTaken, { timeout: 30_000, interval: 200 })
    .toBeGreaterThanOrEqual(atLeast);
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
    const changed = await applySchedules(
      client,
      await loadScheduleDefinitions({ ...config, PAYROLL_CHECK_AT: '03:15' }),
      { scope: scheduleScope(config) },
    );
    expect(changed.find((o) => o.scheduleId === payrollScheduleId())?.change).toBe('updated');
    const spec = (await client.schedule.getHandle(payrollScheduleId()).describe()).spec;
    expect(spec.calendars?.[0]).toMatchObject({
      hour: [{ start: 3, end: 3, step: 1 }],
      minute: [{ start: 15, end: 15, step: 1 }],
    });
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
    expect(result).toMatchObject({ runId: thisRun.runId, outcome: 'approved', employeesChecked: 50 });
  });

  it('backfill runs each missed night, for the run of the night it stands for, and skips holidays', async () => {
    const handle = client.schedule.getHandle(payrollScheduleId());
    const before = (await handle.describe()).info.numActionsTaken;
    // Three nights of this month, and four nights of the month after next, of which the 25th and 26th are holidays.
    await handle.backfill([
      { start: dayOf(0, 10), end: dayOf(0, 13), overlap: ScheduleOverlapPolicy.BUFFER_ALL },
      { start: dayOf(2, 24), end: dayOf(2, 28), overlap: ScheduleOverlapPolicy.BUFFER_ALL },
    ]);
    await workflowsOf(payrollScheduleId(), before + 5);
    const actions = (await handle.describe()).info.recentActions.slice(-5);
    expect(actions.map((a) => isoDay(a.scheduledAt))).toEqual(
      [dayOf(0, 10), dayOf(0, 11), dayOf(0, 12), dayOf(2, 24), dayOf(2, 27)].map(isoDay),
    );
    // The nights of this month check this month's run; that month has no run yet: nothing to check, not a failure.
    const results = await Promise.all(
      actions.map(
        (a) =>
          client.workflow.getHandle(a.action.workflow.workflowId).result() as Promise<{
            runId: string;
            outcome: string;
          }>,
      ),
    );
    // (The trigger above approved this month's run already, so the portal may refuse to approve it again.)
    const checked = expect.stringMatching(/^(approved|not-approved)$/);
    expect(results.map((r) => [r.runId, r.outcome])).toEqual([
      [thisRun.runId, checked],
      [thisRun.runId, checked],
      [thisRun.runId, checked],
      [emptyMonth, 'nothing-to-check'],
      [emptyMonth, 'nothing-to-check'],
    ]);
    expect((await handle.describe()).state.paused).toBe(false);
  });

  it('a failed nightly run pauses the schedule until someone looks at it', async () => {
    const handle = client.schedule.getHandle(payrollScheduleId());
    const before = (await handle.describe()).info.numActionsTaken;
    await handle.backfill([{ start: dayOf(1, 10), end: dayOf(1, 11), overlap: ScheduleOverlapPolicy.BUFFER_ALL }]);
    const [workflowId] = (await workflowsOf(payrollScheduleId(), before + 1)).slice(-1);
    await expect(client.workflow.getHandle(workflowId as string).result()).rejects.toThrow();
    await expect.poll(async () => (await handle.describe()).state.paused, { timeout: 15_000 }).toBe(true);
  });

  it('a paused schedule does not run until unpaused', async () => {
    const scheduleId = `${scheduleScope(config)}every-second-probe`;
    const probe: ScheduleDefinition = {
      scheduleId,
      description: 'test probe',
      spec: { intervals: [{ every: '1 second' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'payrollCheck',
        args: [{ runId: thisRun.runId, approveWhenClean: false }],
        taskQueue: taskQueue(config, 'main'),
      },
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
