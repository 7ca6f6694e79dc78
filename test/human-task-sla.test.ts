import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskNotification } from '../activities/engine/notify';
import type { HumanTaskInput } from '../schemas/engine/human-task';
import { addBusinessTime, subtractBusinessTime } from '../workflows/engine/human-task/sla';
import { eventually, login, startAttendedStack, taskPath, type AttendedStack } from './helpers/attended';
import { startStandaloneTask } from './helpers/standalone-task';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

let temporal: TestTemporal;
let stack: AttendedStack;
let webhook: Server;
const notifications: TaskNotification[] = [];
const SLOW_GATEWAY = 'Check the SLA through a slow gateway';
/** The slow gateway's escalation notices: held, unanswered, until the test opens the gateway. */
const held: TaskNotification[] = [];
let openGateway: () => void;
const gatewayOpen = new Promise<void>((resolve) => (openGateway = resolve));

beforeAll(async () => {
  temporal = await connectTestTemporal();
  // A real HTTP endpoint standing in for a chat or mail gateway: it records what the notify activity posts.
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const notification = JSON.parse(body) as TaskNotification;
      // A slow gateway: it holds the escalation notices of tasks titled so, as a mail server in trouble would.
      const slow = notification.title === SLOW_GATEWAY && notification.kind === 'escalation';
      if (slow) held.push(notification);
      void (slow ? gatewayOpen : Promise.resolve()).then(() => {
        notifications.push(notification);
        res.writeHead(204).end();
      });
    });
  });
  await new Promise<void>((done) => webhook.listen(0, '127.0.0.1', done));
  stack = await startAttendedStack(temporal, {
    storeKind: 'postgres',
    webhookUrl: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`,
  });
});
afterAll(async () => {
  await stack?.stop();
  await temporal?.close();
  webhook?.close();
});

const startTask = (sla: HumanTaskInput['sla'], title = 'Check the SLA') =>
  startStandaloneTask(temporal.client, stack.taskQueue, 'sla-test', { sla, title });

const rowWhere = (
  taskId: string,
  what: string,
  test: (row: NonNullable<Awaited<ReturnType<AttendedStack['store']['getTask']>>>) => boolean,
) =>
  eventually(async () => {
    const row = await stack.store.getTask(taskId);
    return row && test(row) ? row : undefined;
  }, what);

describe('SLA with short durations on a real server', () => {
  it('reminds the assignee before the due date, then escalates to the manager role and notifies', async () => {
    const handle = await startTask({ dueIn: '4s', remindBefore: '2s', escalateTo: { roles: ['manager'] } });
    const taskId = handle.workflowId;
    const approver = await login(stack.url, 'approver');
    await rowWhere(taskId, 'the task row', () => true);
    await approver.call('POST', `${taskPath(taskId)}/claim`);

    const reminded = await rowWhere(taskId, 'the reminder', (row) => row.reminded);
    expect(reminded).toMatchObject({ status: 'claimed', assignee: 'approver', escalated: false });
    await eventually(
      async () => notifications.find((n) => n.taskId === taskId && n.kind === 'reminder'),
      'the reminder webhook',
    );
    expect(notifications.find((n) => n.taskId === taskId && n.kind === 'reminder')?.to).toEqual({
      users: ['approver'],
      roles: [],
    });

    const escalated = await rowWhere(taskId, 'the escalation', (row) => row.escalated);
    expect(escalated).toMatchObject({
      status: 'open',
      assignee: null,
      candidateRoles: ['manager'],
      candidateUsers: [],
    });
    expect(escalated.audit.map((r) => r.action)).toEqual(['created', 'claimed', 'reminded', 'escalated']);
    const escalation = await eventually(
      async () => notifications.find((n) => n.taskId === taskId && n.kind === 'escalation'),
      'the escalation webhook',
    );
    expect(escalation.to).toEqual({ users: [], roles: ['manager'] });

    // The inbox shows it overdue; the approver lost it, the manager can finish it.
    const manager = await login(stack.url, 'manager');
    expect((await manager.call('GET', taskPath(taskId))).body).toMatchObject({
      overdue: true,
      escalated: true,
      allowedActions: expect.arrayContaining(['claim']),
    });
    // Escalated away from the approvers: the task is no longer theirs to see.
    expect(
      (await approver.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } })).status,
    ).toBe(404);
    expect(
      (await manager.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } })).body.status,
    ).toBe('completed');
    expect(await handle.result()).toMatchObject({
      outcome: 'completed',
      completedBy: 'manager',
      data: { decision: 'approve' },
    });
  });

  it('expires a task nobody completes and tells the parent', async () => {
    const handle = await startTask({ dueIn: '1s', expireAfter: '1s' });
    const result = await handle.result();
    expect(result).toMatchObject({ outcome: 'expired' });
    expect(result.audit.map((r) => r.action)).toEqual(['created', 'escalated', 'expired']);
    const row = await rowWhere(handle.workflowId, 'the expired row', (r) => r.status === 'expired');
    expect(row.closedAt).not.toBeNull();
  });

  it('expires on time while the escalation notice is still on its way, and ends once it is sent', async () => {
    const handle = await startTask(
      { dueIn: '1s', escalateTo: { roles: ['manager'] }, expireAfter: '1s' },
      SLOW_GATEWAY,
    );
    const sent = (kind: TaskNotification['kind']) =>
      notifications.some((n) => n.taskId === handle.workflowId && n.kind === kind);
    await rowWhere(handle.workflowId, 'the expired row', (r) => r.status === 'expired');
    // The escalation notice reached the gateway, which has not answered it: the expiry did not wait for it.
    expect(held.map((n) => n.taskId)).toEqual([handle.workflowId]);
    expect(sent('escalation')).toBe(false);
    openGateway();
    const result = await handle.result();
    expect(result.audit.map((r) => r.action)).toEqual(['created', 'escalated', 'expired']);
    expect([sent('escalation'), sent('expired')]).toEqual([true, true]);
  });
});

describe('business-hours calendar', () => {
  const weekdays9to17 = { workDays: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 };
  const at = (iso: string) => Date.parse(iso);

  it('counts SLA time only in working hours', () => {
    // Friday 16:00 + 2 working hours = Monday 10:00.
    expect(new Date(addBusinessTime(at('2026-03-06T16:00:00Z'), 2 * 3_600_000, weekdays9to17)).toISOString()).toBe(
      '2026-03-09T10:00:00.000Z',
    );
    // Saturday counts from Monday's opening.
    expect(new Date(addBusinessTime(at('2026-03-07T12:00:00Z'), 3_600_000, weekdays9to17)).toISOString()).toBe(
      '2026-03-09T10:00:00.000Z',
    );
    // A time zone shifts the working day: 9–17 at UTC+1 is 8–16 UTC.
    expect(
      new Date(
        addBusinessTime(at('2026-03-09T15:30:00Z'), 3_600_000, { ...weekdays9to17, utcOffsetMinutes: 60 }),
      ).toISOString(),
    ).toBe('2026-03-10T08:30:00.000Z');
    expect(addBusinessTime(1000, 500)).toBe(1500);
  });

  it('finds reminder times backwards over a weekend', () => {
    const due = at('2026-03-09T10:00:00Z');
    expect(new Date(subtractBusinessTime(due, 2 * 3_600_000, weekdays9to17)).getUTCDay()).toBe(5);
    expect(
      addBusinessTime(subtractBusinessTime(due, 2 * 3_600_000, weekdays9to17), 2 * 3_600_000, weekdays9to17),
    ).toBeLessThanOrEqual(due);
  });
});
