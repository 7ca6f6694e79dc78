import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../activities/engine/artifacts/artifact-store';
import type { PayrollReport } from '../activities/payroll/report';
import { startApiServer } from '../client/api/server';
import { createLogger } from '../platform/logger';
import { loadUsers } from '../platform/users';
import { allRoles } from '../processes/installed';
import { reviewerGroupOf, type FindingKind } from '../schemas/payroll/payroll';
import { taskWorkflowId } from '../workflows/engine/human-task/request';
import { payrollCheck, type PayrollCheckResult } from '../workflows/payroll/payroll-check';
import { generatePayroll } from './fixtures/payroll-generator';
import { portalAdmin } from './fixtures/portal-admin';
import { startPayrollStack, type PayrollStack } from './helpers/payroll-stack';
import { login, taskPath, type ApiSession } from './helpers/attended';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

/** The users file the API reads: the one the project ships, with its demo users. */
const usersFile = join(__dirname, '../config/users.yaml');

let temporal: TestTemporal;
let stack: PayrollStack;
let portal: PayrollStack['portal'];
let taskQueue: string;
let api: Awaited<ReturnType<typeof startApiServer>>;
// A run with fixed ids and periods (PR-2026-11 against PR-2026-10), checked by id: nothing here reads today's date.
const payroll = generatePayroll(120, 1);

beforeAll(async () => {
  temporal = await connectTestTemporal();
  stack = await startPayrollStack(temporal, payroll, 'payroll-review', {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    USERS_FILE: usersFile,
  });
  ({ portal, taskQueue } = stack);
  const logger = createLogger(
    { LOG_LEVEL: process.env.LOG_LEVEL === undefined ? 'warn' : (process.env.LOG_LEVEL as 'warn'), LOG_FORMAT: 'json' },
    'payroll-review-api-test',
  );
  // One task store for the worker's task workflows and the API, as `npm start` shares it.
  api = await startApiServer({
    config: stack.config,
    client: temporal.client,
    store: stack.taskStore,
    logger,
    port: 0,
    taskQueue,
  });
}, 120_000);

afterAll(async () => {
  await api?.close();
  await stack?.stop();
  await temporal?.close();
});

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((t) => t.id);

/** The planted findings of one reviewer group, as `employeeId|kind`. */
const plantedFor = (group: string) =>
  [...payroll.expected].filter((e) => reviewerGroupOf[e.split('|')[1] as FindingKind] === group);

async function historyLength(workflowId: string): Promise<number> {
  return (await temporal.client.workflow.getHandle(workflowId).fetchHistory()).events?.length ?? 0;
}

/** The history's length once the task has done what it does on its own (its store row, its notices): no activity
 * pending and the same length twice in a row. */
async function settledHistoryLength(workflowId: string): Promise<number> {
  let last = -1;
  await expect
    .poll(
      async () => {
        const pending = (await temporal.client.workflow.getHandle(workflowId).describe()).raw.pendingActivities;
        const length = await historyLength(workflowId);
        const settled = length === last && (pending?.length ?? 0) === 0;
        last = length;
        return settled;
      },
      { interval: 300 },
    )
    .toBe(true);
  return last;
}

/** Waits until `user` sees the task in their role queue, as the inbox lists it. */
async function waitInQueue(user: ApiSession, taskId: string): Promise<void> {
  await expect.poll(async () => ids(await user.call('GET', '/api/tasks?view=queue&limit=200'))).toContain(taskId);
}

describe('payroll review by the users who hold the reviewer roles', () => {
  it('the payroll user claims and completes the payroll review through the API; the check applies the decision', async () => {
    const [payrollUser, hrUser, securityUser, clerk] = await Promise.all([
      login(api.url, 'payroll'),
      login(api.url, 'hr'),
      login(api.url, 'security'),
      login(api.url, 'clerk'),
    ]);
    expect((await payrollUser.call('GET', '/api/me')).body).toEqual({
      username: 'payroll',
      displayName: 'Paula Payroll',
      roles: ['payroll'],
    });

    const workflowId = `payroll-check:${payroll.header.runId}:${randomUUID()}`;
    await temporal.client.workflow.start(payrollCheck, {
      taskQueue,
      workflowId,
      args: [{ runId: payroll.header.runId }],
    });
    const reviewTask = (group: string) => taskWorkflowId(workflowId, `review-${group}`);
    const payrollTask = reviewTask('payroll');

    // Each reviewer's queue holds the review of their own group, and only that.
    await waitInQueue(payrollUser, payrollTask);
    await waitInQueue(hrUser, reviewTask('hr'));
    await waitInQueue(securityUser, reviewTask('payroll-security'));
    expect(ids(await payrollUser.call('GET', '/api/tasks?view=queue&limit=200'))).toEqual([payrollTask]);
    expect(ids(await hrUser.call('GET', '/api/tasks?view=queue&limit=200'))).toEqual([reviewTask('hr')]);
    expect(ids(await clerk.call('GET', '/api/tasks?view=queue&limit=200'))).not.toContain(payrollTask);

    const before = (await payrollUser.call('GET', taskPath(payrollTask))).body;
    expect(before).toMatchObject({
      status: 'open',
      assignee: null,
      candidateRoles: ['payroll'],
      form: { name: 'payroll-review' },
      context: { runId: payroll.header.runId, reviewerGroup: 'payroll' },
      allowedActions: expect.arrayContaining(['claim', 'complete']),
    });
    const payrollFindings = plantedFor('payroll');
    expect(
      before.context.findings.map((f: { employeeId: string; kind: string }) => `${f.employeeId}|${f.kind}`).sort(),
    ).toEqual([...payrollFindings].sort());

    // A user without the role is refused (the task is hidden from them: 404, as for one that does not exist), and
    // the refusal changes nothing: not the row, not the task's history.
    const eventsBefore = await settledHistoryLength(payrollTask);
    expect(await clerk.call('POST', `${taskPath(payrollTask)}/claim`)).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
    expect(
      await clerk.call('POST', `${taskPath(payrollTask)}/complete`, { data: { decision: 'approve-all' } }),
    ).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    // Another payroll role is not this one: the hr reviewer may not take the payroll review either.
    expect((await hrUser.call('POST', `${taskPath(payrollTask)}/claim`)).status).toBe(404);
    const after = (await payrollUser.call('GET', taskPath(payrollTask))).body;
    expect(after).toMatchObject({
      version: before.version,
      status: 'open',
      assignee: null,
      audit: before.audit,
    });
    expect(await historyLength(payrollTask)).toBe(eventsBefore);
    expect((await temporal.client.workflow.getHandle(workflowId).describe()).status.name).toBe('RUNNING');

    // The payroll reviewer claims, then holds one employee's pay and approves the rest of their findings.
    expect((await payrollUser.call('POST', `${taskPath(payrollTask)}/claim`)).body).toMatchObject({
      status: 'claimed',
      assignee: 'payroll',
    });
    expect(ids(await payrollUser.call('GET', '/api/tasks?view=mine'))).toContain(payrollTask);
    const heldId = (payrollFindings.find((e) => e.endsWith('|net-mismatch')) as string).split('|')[0] as string;
    const done = await payrollUser.call('POST', `${taskPath(payrollTask)}/complete`, {
      data: { decision: 'hold-listed', hold: heldId, comment: 'net pay off by a cent' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', assignee: 'payroll' });

    // The other groups approve theirs, each as the user holding that role.
    for (const [user, group] of [
      [hrUser, 'hr'],
      [securityUser, 'payroll-security'],
    ] as const) {
      const res = await user.call('POST', `${taskPath(reviewTask(group))}/complete`, {
        data: { decision: 'approve-all' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    // The check ends as the reviewers decided: only the listed employee's payroll findings are held.
    const runPath = `/api/processes/runs/${encodeURIComponent(workflowId)}`;
    await expect.poll(async () => (await payrollUser.call('GET', runPath)).body.status).toBe('COMPLETED');
    const { body } = await payrollUser.call('GET', runPath);
    const result = body.result as PayrollCheckResult;
    if (result.outcome === 'nothing-to-check') throw new Error('the run was not checked');
    const heldKinds = payrollFindings
      .filter((e) => e.startsWith(`${heldId}|`))
      .map((e) => e.split('|')[1])
      .sort();
    expect(result).toMatchObject({ outcome: 'held', findings: payroll.expected.size });
    expect(result.held.map((h) => ({ employeeId: h.employeeId, kinds: [...h.kinds].sort() }))).toEqual([
      { employeeId: heldId, kinds: heldKinds },
    ]);
    expect(body.tasks.map((t: { id: string; status: string }) => [t.id, t.status]).sort()).toEqual(
      [
        [reviewTask('hr'), 'completed'],
        [reviewTask('payroll'), 'completed'],
        [reviewTask('payroll-security'), 'completed'],
      ].sort(),
    );

    // The report names who decided each finding, and what.
    const report = JSON.parse(
      await readFile(artifactPath({ name: 'report.json', uri: result.report.json, bytes: 0 }), 'utf8'),
    ) as PayrollReport;
    const reviewerOf = { payroll: 'payroll', hr: 'hr', 'payroll-security': 'security' } as const;
    for (const f of report.findings) {
      expect(f.reviewer).toBe(reviewerOf[reviewerGroupOf[f.kind]]);
      expect(f.decision).toBe(f.employeeId === heldId && reviewerGroupOf[f.kind] === 'payroll' ? 'hold' : 'approve');
    }

    // A held payment: the run stays a draft in the payroll system.
    const portalRun = await portalAdmin<{ run: { status: string } }>(
      portal,
      'GET',
      `/payroll-runs/${payroll.header.runId}`,
    );
    expect(portalRun.run.status).toBe('draft');

    // The audit trail of the payroll review shows the payroll user, and no trace of the refused calls.
    const audit = await payrollUser.call('GET', `/api/audit/tasks/${encodeURIComponent(payrollTask)}`);
    expect(audit.body.records.map((r: { action: string; actor: string }) => [r.action, r.actor])).toEqual([
      ['created', 'system'],
      ['claimed', 'payroll'],
      ['completed', 'payroll'],
    ]);
  }, 120_000);
});

describe('the users file and the process roles', () => {
  it('gives the demo users the payroll reviewer roles', async () => {
    const users = await loadUsers(usersFile, allRoles());
    expect(
      ['payroll', 'hr', 'security'].map((name) => {
        const user = users.find(name);
        return [name, user?.roles, user?.email];
      }),
    ).toEqual([
      ['payroll', ['payroll'], 'payroll@example.com'],
      ['hr', ['hr'], 'hr@example.com'],
      ['security', ['payroll-security'], 'security@example.com'],
    ]);
  });

  it('refuses a role nobody declares, naming the field; the payroll roles only while payroll is installed', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'users-roles-'));
    try {
      const file = join(tmp, 'users.yaml');
      await writeFile(
        file,
        [
          'users:',
          '  - { username: clerk, displayName: C, roles: [clerk], passwordHash: scrypt$x }',
          '  - { username: audit, displayName: A, roles: [payroll, payroll-auditor], passwordHash: scrypt$x }',
          '',
        ].join('\n'),
      );
      const refusal = await loadUsers(file, allRoles()).then(
        () => undefined,
        (err: Error) => err.message,
      );
      expect(refusal).toMatch(/users\[1\]\.roles\[1\]: must be one of .*payroll-security/);
      expect(refusal).not.toMatch(/users\[0\]|roles\[0\]/);

      await writeFile(
        file,
        'users:\n  - { username: payroll, displayName: P, roles: [payroll], passwordHash: scrypt$x }\n',
      );
      expect((await loadUsers(file, allRoles())).find('payroll')?.roles).toEqual(['payroll']);
      // Without the payroll process the role is unknown: the roles come from the process's declaration.
      await expect(loadUsers(file, allRoles([]))).rejects.toThrow(
        /users\[0\]\.roles\[0\]: must be one of clerk, approver, manager, admin, auditor$/m,
      );
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
