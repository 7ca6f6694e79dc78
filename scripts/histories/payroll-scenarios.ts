/**
 * Recorded scenarios of the payroll check against the demo portal: every kind of finding, reviewed by three
 * groups and held (and one of its chunks); one finding approved and the run approved in the payroll system; and
 * the nightly check, started by a schedule, of a month that has no run yet.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { createPayrollActivities } from '../../activities/payroll';
import type { PortalCredentials } from '../../activities/payroll/portal-session';
import type { Config } from '../../platform/config';
import { payroll as payrollProcess } from '../../processes/payroll';
import { startPortal } from '../../demo/portal/server';
import { toMinor } from '../../schemas/engine/money';
import type { PayrollRecord, PayrollRunHeader, ReviewerGroup } from '../../schemas/payroll/payroll';
import { payrollRunHeader } from '../../schemas/payroll/payroll-run-id';
import { generatePayroll, type GeneratedPayroll } from '../../test/fixtures/payroll-generator';
import { loadPayroll } from '../../test/fixtures/portal-admin';
import { taskWorkflowId } from '../../workflows/engine/human-task/request';
import { payrollCheck, type PayrollCheckResult } from '../../workflows/payroll/payroll-check';
import { completeTask } from './complete-task';
import { neutralArtifacts } from './neutral-artifacts';

/**
 * The payroll system the activities sign in to. The worker's activities are made before any scenario runs, so
 * each scenario points this at a demo portal of its own that holds only the runs it needs.
 */
const payrollSystem: PortalCredentials = { url: 'http://127.0.0.1:9', username: 'clerk', password: 'clerk-pass' };

/** The engine's payroll activities; snapshots and reports are named neutrally in the history. */
export function payrollActivities(
  dir: string,
  config: Pick<Config, 'PAYROLL_MAX_WEEKLY_HOURS' | 'PAYROLL_MAX_RATE_CHANGE'>,
) {
  const artifacts = neutralArtifacts(join(dir, 'payroll-artifacts'));
  const payroll = createPayrollActivities({
    portal: payrollSystem,
    artifacts,
    policy: { maxWeeklyHours: config.PAYROLL_MAX_WEEKLY_HOURS, maxRateChange: config.PAYROLL_MAX_RATE_CHANGE },
    recordReaders: payrollProcess.roles.map((r) => r.name),
  });
  return {
    ...payroll,
    // A chunk reads the snapshot from where it was saved, not from its neutral name.
    checkPayrollChunk: (input: Parameters<typeof payroll.checkPayrollChunk>[0]) =>
      payroll.checkPayrollChunk({ ...input, snapshot: artifacts.local(input.snapshot) }),
  };
}

type Run = { header: PayrollRunHeader; records: PayrollRecord[] };

/** A demo portal holding these runs, for the length of one scenario. */
async function withPayrollSystem<T>(runs: Run[], run: () => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'record-payroll-'));
  const portal = await startPortal({ port: 0, dataDir: join(dir, 'portal'), seed: 'empty' });
  try {
    if (runs.length > 0) await loadPayroll(portal, runs);
    payrollSystem.url = portal.url;
    return await run();
  } finally {
    await portal.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// Fixed months, whatever day the histories are recorded on.
const february = payrollRunHeader('PR-2027-02');
const january = payrollRunHeader('PR-2027-01');

const runsOf = (payroll: Pick<GeneratedPayroll, 'previous' | 'current'>): Run[] => [
  { header: january, records: payroll.previous },
  { header: february, records: payroll.current },
];

/** A history is named for how the check ended: a different ending is a broken scenario, not a recording. */
function expectOutcome(result: PayrollCheckResult, outcome: PayrollCheckResult['outcome']): void {
  if (result.outcome !== outcome) throw new Error(`the payroll check ended ${result.outcome}, not ${outcome}`);
}

const review = (client: Client, workflowId: string, group: ReviewerGroup, data: Record<string, unknown>) =>
  completeTask(
    client,
    taskWorkflowId(workflowId, `review-${group}`),
    { username: `reviewer-${group}`, roles: [group] },
    data,
  );

// The replay test replays under the file name as workflow id; chunk and task ids derive from it.
const heldFile = 'payroll-check-reviewed-held.json';

async function recordHeld(client: Client, taskQueue: string): Promise<string> {
  // Every kind of finding once among 24 employees (25 lines): three review groups, three chunks.
  const payroll = generatePayroll(24, 1);
  return withPayrollSystem(runsOf(payroll), async () => {
    const handle = await client.workflow.start(payrollCheck, {
      taskQueue,
      workflowId: heldFile,
      args: [{ runId: february.runId, chunkSize: 10 }],
    });
    const terminated = [...payroll.expected]
      .filter((e) => e.endsWith('|terminated-paid'))
      .map((e) => e.split('|')[0] as string);
    await review(client, heldFile, 'payroll', { decision: 'approve-all' });
    await review(client, heldFile, 'hr', { decision: 'hold-listed', hold: terminated.join(', '), comment: 'left' });
    await review(client, heldFile, 'payroll-security', { decision: 'hold-all' });
    expectOutcome(await handle.result(), 'held');
    return heldFile;
  });
}

const approvedFile = 'payroll-check-reviewed-approved.json';

async function recordApproved(client: Client, taskQueue: string): Promise<string> {
  // Six employees, one net a cent off: one review, approved, and the run approved in the payroll system.
  const clean = generatePayroll(6, 0);
  const current = clean.current.map((r, i) => (i === 2 ? { ...r, net: toMinor(r.net + 0.01, 'EUR') / 100 } : r));
  return withPayrollSystem(runsOf({ previous: clean.previous, current }), async () => {
    const handle = await client.workflow.start(payrollCheck, {
      taskQueue,
      workflowId: approvedFile,
      args: [{ runId: february.runId }],
    });
    await review(client, approvedFile, 'payroll', { decision: 'approve-all', comment: 'rounding' });
    expectOutcome(await handle.result(), 'approved');
    return approvedFile;
  });
}

const nothingFile = 'payroll-check-current-nothing-to-check.json';

/** As the nightly schedule starts it: the month it is triggered in has no run (the payroll system is empty). */
async function recordNothingToCheck(client: Client, taskQueue: string): Promise<string> {
  return withPayrollSystem([], async () => {
    const schedule = await client.schedule.create({
      scheduleId: nothingFile,
      // No times of its own: it runs only when triggered.
      spec: {},
      action: {
        type: 'startWorkflow',
        workflowType: payrollCheck,
        workflowId: nothingFile,
        args: [{ runId: 'current' }],
        taskQueue,
      },
    });
    try {
      await schedule.trigger();
      let workflowId: string | undefined;
      for (let i = 0; i < 300 && !workflowId; i++) {
        workflowId = (await schedule.describe()).info.recentActions[0]?.action.workflow.workflowId;
        if (!workflowId) await new Promise((r) => setTimeout(r, 100));
      }
      if (!workflowId) throw new Error('the schedule started no payroll check');
      expectOutcome(await client.workflow.getHandle<typeof payrollCheck>(workflowId).result(), 'nothing-to-check');
      return workflowId;
    } finally {
      await schedule.delete();
    }
  });
}

export const payrollScenarios = [
  { file: heldFile, run: recordHeld },
  {
    // The first ten lines, with findings of several kinds.
    file: 'payroll-check-chunk-with-findings.json',
    async run(): Promise<string> {
      return `${heldFile}:chunk:0`;
    },
  },
  { file: approvedFile, run: recordApproved },
  { file: nothingFile, run: recordNothingToCheck },
];
