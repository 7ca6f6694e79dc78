import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskState } from '../../schemas/engine/human-task';
import { taskStateQuery } from '../../workflows/engine/human-task/messages';
import {
  eventually,
  login,
  startAttendedStack,
  taskPath,
  type ApiSession,
  type AttendedStack,
} from '../helpers/attended';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let temporal: TestTemporal;
let stack: AttendedStack;
let clerk: ApiSession;
let approver: ApiSession;
let approver2: ApiSession;
let manager: ApiSession;
let admin: ApiSession;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  stack = await startAttendedStack(temporal);
  [clerk, approver, approver2, manager, admin] = await Promise.all([
    login(stack.url, 'clerk'),
    login(stack.url, 'approver'),
    login(stack.url, 'approver2'),
    login(stack.url, 'manager'),
    login(stack.url, 'admin'),
  ]);
});
afterAll(async () => {
  await stack?.stop();
  await temporal?.close();
});

/** A purchase request by `by`: above 2,000 it needs two approvers. Waits for its approval task in the store. */
async function launch(by: ApiSession, amount: number) {
  const res = await by.call('POST', '/api/processes/purchase-request/start', {
    input: { item: 'Server', amount, currency: 'EUR', justification: 'capacity' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const workflowId = res.body.workflowId as string;
  const taskId = `${workflowId}:task:approval`;
  await eventually(() => stack.store.getTask(taskId), `task ${taskId} in the store`);
  return { workflowId, taskId };
}

/** The task as its workflow holds it (the truth) and as the store holds it. */
async function truth(taskId: string): Promise<{ task: TaskState; row: TaskState | undefined }> {
  const task = await temporal.client.workflow.getHandle(taskId).query(taskStateQuery);
  return { task, row: await stack.store.getTask(taskId) };
}

/** The refused call changed nothing: same version, same audit, same sign-offs, in the workflow and the store. */
async function expectUnchanged(taskId: string, before: TaskState) {
  const after = await truth(taskId);
  expect(after.task.version).toBe(before.version);
  expect(after.task.audit).toEqual(before.audit);
  expect(after.task.signOffs).toEqual(before.signOffs);
  expect(after.row?.version).toBe(before.version);
}

const runStatus = async (workflowId: string) =>
  (await temporal.client.workflow.getHandle(workflowId).describe()).status.name;

describe('item 2: delegation never weakens role and dual-approval rules', () => {
  it('item 2: a two-approver task delegated to a clerk: the clerk cannot sign off as the second approver', async () => {
    const { workflowId, taskId } = await launch(manager, 2500);
    expect(
      (await approver.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } })).status,
    ).toBe(200);
    await approver2.call('POST', `${taskPath(taskId)}/claim`);
    const delegated = await approver2.call('POST', `${taskPath(taskId)}/reassign`, { toUser: 'clerk' });
    expect(delegated.body).toMatchObject({ status: 'claimed', assignee: 'clerk' });
    expect((await clerk.call('GET', taskPath(taskId))).body.allowedActions).not.toContain('complete');
    const before = (await truth(taskId)).task;

    const attempt = await clerk.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } });
    expect(attempt.status).toBe(403);
    expect(attempt.body.error.message).toMatch(/clerk does not hold a deciding role/);
    await expectUnchanged(taskId, before);
    expect(before.signOffs.map((s) => s.by)).toEqual(['approver']);
    expect(await runStatus(workflowId)).toBe('RUNNING');
  });

  it('item 2: an approver task handed to role clerk: a clerk cannot approve it alone', async () => {
    const { workflowId, taskId } = await launch(manager, 800);
    await approver.call('POST', `${taskPath(taskId)}/claim`);
    const handed = await approver.call('POST', `${taskPath(taskId)}/reassign`, { toRole: 'clerk' });
    // The approver handed it away and no longer sees it: the answer carries its status only.
    expect(handed.body).toMatchObject({ status: 'open' });
    const before = (await truth(taskId)).task;
    expect(before).toMatchObject({ status: 'open', candidateRoles: ['clerk'] });

    const attempt = await clerk.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } });
    expect(attempt).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    await expectUnchanged(taskId, before);

    // Claiming to work on it is fine; deciding still is not.
    expect((await clerk.call('POST', `${taskPath(taskId)}/claim`)).status).toBe(200);
    const claimed = (await truth(taskId)).task;
    expect((await clerk.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } })).status).toBe(
      403,
    );
    await expectUnchanged(taskId, claimed);
    expect(await runStatus(workflowId)).toBe('RUNNING');
  });

  it('item 2: a manager who reassigns a task to himself and approves: an override on the record, never an approval', async () => {
    const { workflowId, taskId } = await launch(clerk, 2500);
    await approver.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } });
    expect((await manager.call('POST', `${taskPath(taskId)}/reassign`, { toUser: 'manager' })).status).toBe(200);

    const override = await manager.call('POST', `${taskPath(taskId)}/complete`, {
      data: { decision: 'approve' },
      comment: 'urgent',
    });
    expect(override.status).toBe(200);
    expect(override.body).toMatchObject({ status: 'open', assignee: null });
    expect(override.body.signOffs.map((s: { by: string }) => s.by)).toEqual(['approver']);
    expect(override.body.audit.at(-1)).toMatchObject({
      action: 'signed-off',
      actor: 'manager',
      override: true,
      comment: 'urgent',
    });
    const audit = await approver.call('GET', `/api/audit/tasks/${encodeURIComponent(taskId)}`);
    expect(audit.body.records.at(-1)).toMatchObject({ actor: 'manager', override: true });
    expect(await runStatus(workflowId)).toBe('RUNNING');

    // The second approval still has to come from an approver.
    const second = await approver2.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } });
    expect(second.body.status).toBe('completed');
    const result = await temporal.client.workflow.getHandle(workflowId).result();
    expect(result).toMatchObject({ decision: 'approve', approvers: ['approver', 'approver2'] });
  });

  it('item 2: an admin stands in for anyone but never counts as an approver, even a rejection', async () => {
    const { workflowId, taskId } = await launch(clerk, 800);
    const byAdmin = await admin.call('POST', `${taskPath(taskId)}/complete`, {
      data: { decision: 'reject', comment: 'no' },
    });
    expect(byAdmin.body, JSON.stringify(byAdmin.body)).toMatchObject({ status: 'open', signOffs: [] });
    expect(byAdmin.body.audit.at(-1)).toMatchObject({ actor: 'admin', override: true });
    expect(await runStatus(workflowId)).toBe('RUNNING');
    await approver.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } });
    expect(await temporal.client.workflow.getHandle(workflowId).result()).toMatchObject({ approvers: ['approver'] });
  });
});
