import { readFile } from 'node:fs/promises';
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../activities/engine/artifacts/artifact-store';
import type { PayrollReport } from '../activities/payroll/report';
import { completeTaskUpdate } from '../workflows/engine/human-task/messages';
import { taskWorkflowId } from '../workflows/engine/human-task/request';
import { payrollCheck, payrollCheckProgressQuery } from '../workflows/payroll/payroll-check';
import { generatePayroll } from './fixtures/payroll-generator';
import { loadPayroll, portalAdmin } from './fixtures/portal-admin';
import { startPayrollStack, type PayrollStack } from './helpers/payroll-stack';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';
import { actOnTask } from './helpers/signed-task-updates';

let temporal: TestTemporal;
let stack: PayrollStack;
let portal: PayrollStack['portal'];
let taskQueue: string;
const payroll = generatePayroll(10_000, 3);

beforeAll(async () => {
  temporal = await connectTestTemporal();
  stack = await startPayrollStack(temporal, payroll, 'payroll');
  ({ portal, taskQueue } = stack);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await temporal?.close();
});

async function historyLength(workflowId: string): Promise<number> {
  return (await temporal.client.workflow.getHandle(workflowId).fetchHistory()).events?.length ?? 0;
}

async function runStatus(runId: string): Promise<string> {
  return (await portalAdmin<{ run: { status: string } }>(portal, 'GET', `/payroll-runs/${runId}`)).run.status;
}

const reviewer = (roles: string[]) => ({ username: `reviewer-${roles[0]}`, roles });

async function completeReview(handle: WorkflowHandle, group: string, data: Record<string, unknown>): Promise<void> {
  const task = temporal.client.workflow.getHandle(taskWorkflowId(handle.workflowId, `review-${group}`));
  await expect
    .poll(
      () =>
        task.describe().then(
          (d) => d.status.name,
          () => 'NOT_FOUND',
        ),
      { timeout: 30_000 },
    )
    .toBe('RUNNING');
  await actOnTask(task, completeTaskUpdate, { actor: reviewer([group]), data });
}

describe('payrollCheck on the real portal', () => {
  it('finds every planted anomaly in 10,000 employees, flags no clean one, and holds what reviewers hold', async () => {
    const workflowId = `payroll-check:${payroll.header.runId}:${Date.now()}`;
    const handle = await temporal.client.workflow.start(payrollCheck, {
      taskQueue,
      workflowId,
      args: [{ runId: payroll.header.runId, chunkSize: 1000 }],
    });

    // Progress is visible while it runs, and all ten chunks finish before review.
    await expect
      .poll(() => handle.query(payrollCheckProgressQuery).then((p) => p.phase), { timeout: 90_000, interval: 250 })
      .toBe('reviewing');
    const progress = await handle.query(payrollCheckProgressQuery);
    expect(progress).toMatchObject({
      employees: payroll.current.length,
      chunksTotal: 11,
      chunksDone: 11,
      findings: payroll.expected.size,
    });

    const heldByHr = [...payroll.expected]
      .filter((e) => e.endsWith('|terminated-paid'))
      .map((e) => e.split('|')[0] as string);
    await completeReview(handle, 'payroll', { decision: 'approve-all' });
    await completeReview(handle, 'hr', {
      decision: 'hold-listed',
      hold: heldByHr.join(', '),
      comment: 'terminated staff',
    });
    await completeReview(handle, 'payroll-security', { decision: 'hold-all' });

    const result = await handle.result();
    expect(result.outcome).toBe('held');
    if (result.outcome === 'nothing-to-check') throw new Error('the run was not checked');
    const report = JSON.parse(
      await readFile(artifactPath({ name: 'report.json', uri: result.report.json, bytes: 0 }), 'utf8'),
    ) as PayrollReport;
    const found = new Set(report.findings.map((f) => `${f.employeeId}|${f.kind}`));
    // Precision and recall of 100 %: exactly the planted anomalies.
    expect([...payroll.expected].filter((e) => !found.has(e))).toEqual([]);
    expect([...found].filter((f) => !payroll.expected.has(f))).toEqual([]);

    const heldIds = new Set(result.held.map((h) => h.employeeId));
    for (const id of heldByHr) expect(heldIds.has(id)).toBe(true);
    const securityIds = report.findings
      .filter((f) => f.kind === 'bank-changed' || f.kind === 'shared-bank-account')
      .map((f) => f.employeeId);
    for (const id of securityIds) expect(heldIds.has(id)).toBe(true);
    expect(report.findings.filter((f) => f.kind === 'net-mismatch').every((f) => f.decision === 'approve')).toBe(true);
    expect(await readFile(artifactPath({ name: 'report.html', uri: result.report.html, bytes: 0 }), 'utf8')).toContain(
      `Payroll check ${payroll.header.runId}`,
    );

    // Held payments: the run is not approved in the payroll system.
    expect(await runStatus(payroll.header.runId)).toBe('draft');

    // Every history stays far below Temporal's limits.
    expect(await historyLength(workflowId)).toBeLessThan(500);
    expect(await historyLength(`${workflowId}:chunk:0`)).toBeLessThan(50);
  }, 180_000);

  it('approves a clean run in the payroll system', async () => {
    const clean = generatePayroll(200, 0);
    const header = { runId: 'PR-2027-02', periodStart: '2027-02-01', periodEnd: '2027-02-28' };
    const previousHeader = { runId: 'PR-2027-01', periodStart: '2027-01-01', periodEnd: '2027-01-31' };
    const shift = (records: typeof clean.current) =>
      records.map((r) => ({ ...r, employeeId: r.employeeId.replace('E-', 'E-9') }));
    await loadPayroll(portal, [
      { header: previousHeader, records: shift(clean.previous) },
      { header, records: shift(clean.current) },
    ]);
    const result = await temporal.client.workflow.execute(payrollCheck, {
      taskQueue,
      workflowId: `payroll-check:clean:${Date.now()}`,
      args: [{ runId: header.runId }],
    });
    expect(result).toMatchObject({ outcome: 'approved', findings: 0, held: [] });
    expect(await runStatus(header.runId)).toBe('approved');
  }, 60_000);

  it('ends with an error naming the bad rows of a broken export, and approves nothing', async () => {
    const broken = generatePayroll(20, 0);
    const header = { runId: 'PR-2027-05', periodStart: '2027-05-01', periodEnd: '2027-05-31' };
    const records = broken.current.map((r) => ({ ...r, employeeId: r.employeeId.replace('E-', 'E-7') }));
    await loadPayroll(portal, [{ header, records }]);
    // A line for a person the payroll system does not know: the export cannot be checked.
    await portalAdmin(portal, 'POST', '/payroll-runs', {
      payrollRuns: [
        {
          id: header.runId,
          periodStart: header.periodStart,
          periodEnd: header.periodEnd,
          lines: [...records, { ...records[0], employeeId: 'E-77777' }].map(
            ({ status: _s, terminationDate: _t, ...l }) => l,
          ),
        },
      ],
    });
    const failure = await temporal.client.workflow
      .execute(payrollCheck, {
        taskQueue,
        workflowId: `payroll-check:broken:${Date.now()}`,
        args: [{ runId: header.runId }],
      })
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause?.cause as Error | undefined;
    expect(cause?.message).toMatch(/row 21: employee E-77777 is not in the employee export/);
    expect(await runStatus(header.runId)).toBe('draft');
  }, 60_000);
});
