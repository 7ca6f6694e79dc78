import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startAttendedStack,
  eventually,
  login,
  callApi,
  taskPath,
  type AttendedStack,
  type ApiSession,
} from './helpers/attended';
import { openEventStream, type EventStream } from './helpers/event-stream';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

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

/** Launches a purchase request as `by` and waits until its approval task is in the store. */
async function launch(by: ApiSession, input: Record<string, unknown> = {}) {
  const res = await by.call('POST', '/api/processes/purchase-request/start', {
    input: { item: 'Laptop', amount: 800, currency: 'EUR', justification: 'old one broke', ...input },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const workflowId = res.body.workflowId as string;
  const taskId = `${workflowId}:task:approval`;
  await eventually(() => stack.store.getTask(taskId), `task ${taskId} in the store`);
  return { workflowId, taskId };
}

const taskOf = async (id: string) => (await approver.call('GET', taskPath(id))).body;

describe('auth', () => {
  it('refuses every route without a session (401) and a wrong password (401)', async () => {
    expect((await callApi(stack.url, 'GET', '/api/tasks')).status).toBe(401);
    expect((await callApi(stack.url, 'GET', '/api/me', undefined, 'forged.token')).status).toBe(401);
    const bad = await callApi(stack.url, 'POST', '/api/auth/login', { username: 'clerk', password: 'nope' });
    expect(bad).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
  });

  it('logs in with a token that also arrives as an httpOnly cookie, and logs out', async () => {
    const response = await fetch(`${stack.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk', password: 'clerk-pass' }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/bpo_session=[^;]+;.*HttpOnly/i);
    const me = await fetch(`${stack.url}/api/me`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(await me.json()).toEqual({ username: 'clerk', displayName: 'Clara Clerk', roles: ['clerk'] });
    const { token } = (await response.json()) as { token: string };
    await callApi(stack.url, 'POST', '/api/auth/logout', undefined, token);
    expect((await callApi(stack.url, 'GET', '/api/me', undefined, token)).status).toBe(401);
  });

  it('serves the OpenAPI document and the web inbox', async () => {
    const doc = await callApi(stack.url, 'GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/tasks', '/api/tasks/{id}/complete', '/api/tasks/bulk-complete', '/api/events']),
    );
    const page = await fetch(`${stack.url}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect((await callApi(stack.url, 'GET', '/api/nothing-here', undefined, clerk.token)).status).toBe(404);
  });
});

describe('the approval loop', () => {
  it('shows the task in the approver queue with its form, and the process moves on after approval', async () => {
    const { workflowId, taskId } = await launch(clerk);
    const queue = await approver.call('GET', '/api/tasks?view=queue&process=purchase-request&limit=200');
    expect(queue.body.items.map((t: { id: string }) => t.id)).toContain(taskId);
    expect(
      (await clerk.call('GET', '/api/tasks?view=queue')).body.items.map((t: { id: string }) => t.id),
    ).not.toContain(taskId);

    const detail = await taskOf(taskId);
    expect(detail).toMatchObject({
      status: 'open',
      candidateRoles: ['approver'],
      form: { name: 'approval' },
      context: { requestedBy: 'clerk', amount: 800 },
      allowedActions: expect.arrayContaining(['claim', 'complete']),
    });
    expect(detail.form.jsonSchema.properties.decision.enum).toEqual(['approve', 'reject']);

    expect((await approver.call('POST', `${taskPath(taskId)}/claim`)).body).toMatchObject({
      status: 'claimed',
      assignee: 'approver',
    });
    expect((await approver.call('GET', '/api/tasks?view=mine')).body.items.map((t: { id: string }) => t.id)).toContain(
      taskId,
    );
    const done = await approver.call('POST', `${taskPath(taskId)}/complete`, {
      data: { decision: 'approve' },
      comment: 'fine',
    });
    expect(done.body).toMatchObject({ status: 'completed', assignee: 'approver' });

    const run = await eventually(async () => {
      const r = await clerk.call('GET', `/api/processes/runs/${encodeURIComponent(workflowId)}`);
      return r.body.status === 'COMPLETED' && r.body;
    }, 'the process to finish');
    expect(run.result).toMatchObject({
      decision: 'approve',
      approvers: ['approver'],
      recordId: expect.stringMatching(/^PR-/),
    });
    expect(run.tasks).toHaveLength(1);

    const audit = await clerk.call('GET', `/api/audit/processes/${encodeURIComponent(workflowId)}`);
    expect(audit.body.records.map((r: { action: string }) => r.action)).toEqual(['created', 'claimed', 'completed']);
    expect(audit.body.records[2]).toMatchObject({ actor: 'approver', data: { decision: 'approve' }, comment: 'fine' });
  });
});

describe('error codes; a refused call changes nothing', () => {
  it('answers 404, 403, 409 and 422 and leaves the task as it was', async () => {
    const { taskId } = await launch(clerk);
    expect((await approver.call('GET', taskPath('purchase-request:nope:task:approval'))).status).toBe(404);
    expect((await approver.call('POST', `${taskPath('nope')}/claim`)).body.error.code).toBe('not_found');
    expect((await approver.call('POST', '/api/processes/nope/start', { input: {} })).status).toBe(404);

    const before = await taskOf(taskId);
    // A user whose inbox does not show the task is told it does not exist (reads and actions alike).
    const hidden = await clerk.call('POST', `${taskPath(taskId)}/claim`);
    expect(hidden).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect((await approver.call('POST', '/api/processes/purchase-request/start', { input: {} })).status).toBe(403);

    const notClaimed = await approver.call('POST', `${taskPath(taskId)}/unclaim`);
    expect(notClaimed).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });

    const badForm = await approver.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'maybe' } });
    expect(badForm).toMatchObject({
      status: 422,
      body: { error: { code: 'form_invalid', fields: [{ path: 'decision', message: 'must be approve or reject' }] } },
    });
    const rejectWithoutReason = await approver.call('POST', `${taskPath(taskId)}/complete`, {
      data: { decision: 'reject' },
    });
    expect(rejectWithoutReason.body.error.fields).toEqual([{ path: 'comment', message: 'is required when rejecting' }]);
    const noData = await approver.call('POST', `${taskPath(taskId)}/complete`, {});
    expect(noData).toMatchObject({
      status: 422,
      body: { error: { code: 'invalid_request', fields: [{ path: 'data' }] } },
    });
    const badLaunch = await clerk.call('POST', '/api/processes/purchase-request/start', {
      input: { item: '', amount: -1, justification: 'x' },
    });
    expect(badLaunch.status).toBe(422);
    expect(badLaunch.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'amount',
      'item',
      'justification',
    ]);

    const after = await taskOf(taskId);
    expect(after).toMatchObject({ version: before.version, status: 'open', assignee: null, audit: before.audit });

    await approver.call('POST', `${taskPath(taskId)}/claim`);
    expect((await approver2.call('POST', `${taskPath(taskId)}/claim`)).status).toBe(409);
    expect(
      (await approver2.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } })).status,
    ).toBe(409);
    await approver.call('POST', `${taskPath(taskId)}/complete`, {
      data: { decision: 'reject', comment: 'too expensive' },
    });
    expect((await approver.call('POST', `${taskPath(taskId)}/comment`, { text: 'late' })).status).toBe(409);
    expect(
      (await approver2.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } })).status,
    ).toBe(409);
  });
});

describe('four-eyes', () => {
  it('never lets the requester approve their own request', async () => {
    const { taskId } = await launch(admin); // admins may act on any task, but not on their own request
    expect(await admin.call('POST', `${taskPath(taskId)}/claim`)).toMatchObject({
      status: 403,
      body: { error: { code: 'four_eyes' } },
    });
    expect(
      (await admin.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } })).body.error.code,
    ).toBe('four_eyes');
    expect((await taskOf(taskId)).allowedActions).toEqual(expect.arrayContaining(['claim']));
    expect((await admin.call('GET', taskPath(taskId))).body.allowedActions).not.toContain('claim');
  });

  it('needs two different approvers above the limit', async () => {
    const { workflowId, taskId } = await launch(clerk, { amount: 2500 });
    const first = await approver.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } });
    expect(first.body).toMatchObject({
      status: 'open',
      assignee: null,
      signOffs: [{ by: 'approver' }],
      approvalsRequired: 2,
    });
    expect(await approver.call('POST', `${taskPath(taskId)}/claim`)).toMatchObject({
      status: 403,
      body: { error: { code: 'four_eyes' } },
    });
    const second = await approver2.call('POST', `${taskPath(taskId)}/complete`, {
      data: { decision: 'approve' },
      comment: 'ok too',
    });
    expect(second.body.status).toBe('completed');
    const result = await temporal.client.workflow.getHandle(workflowId).result();
    expect(result).toMatchObject({ decision: 'approve', approvers: ['approver', 'approver2'] });
  });
});

describe('reassign and comment', () => {
  it('delegates to a user, returns to a role queue, and refuses the uninvolved', async () => {
    const { taskId } = await launch(clerk);
    await approver.call('POST', `${taskPath(taskId)}/claim`);
    expect((await clerk.call('POST', `${taskPath(taskId)}/reassign`, { toUser: 'approver2' })).status).toBe(404);
    expect((await approver.call('POST', `${taskPath(taskId)}/reassign`, { toUser: 'ghost' })).body.error).toMatchObject(
      { code: 'invalid_request', fields: [{ path: 'toUser' }] },
    );
    expect((await approver.call('POST', `${taskPath(taskId)}/reassign`, { toUser: 'clerk' })).body.error.code).toBe(
      'four_eyes',
    );
    const delegated = await approver.call('POST', `${taskPath(taskId)}/reassign`, {
      toUser: 'approver2',
      comment: 'on leave',
    });
    expect(delegated.body).toMatchObject({ status: 'claimed', assignee: 'approver2' });
    const back = await manager.call('POST', `${taskPath(taskId)}/reassign`, { toRole: 'manager' });
    expect(back.body).toMatchObject({ status: 'open', assignee: null, candidateRoles: ['manager'] });
    expect((await manager.call('POST', `${taskPath(taskId)}/comment`, { text: 'I will look at it' })).status).toBe(200);
    const audit = await clerk.call('GET', `/api/audit/tasks/${encodeURIComponent(taskId)}`);
    expect(audit.body.records.slice(2).map((r: { action: string; to?: string }) => [r.action, r.to])).toEqual([
      ['reassigned', 'approver2'],
      ['reassigned', 'role:manager'],
      ['commented', undefined],
    ]);
  });
});

describe('bulk complete', () => {
  it('answers each item on its own: valid ones complete, the others say why', async () => {
    const [a, b, c] = [await launch(clerk), await launch(clerk), await launch(clerk)];
    await approver2.call('POST', `${taskPath(c.taskId)}/claim`);
    const res = await approver.call('POST', '/api/tasks/bulk-complete', {
      items: [
        { taskId: a.taskId, data: { decision: 'approve' } },
        { taskId: b.taskId, data: { decision: 'perhaps' } },
        { taskId: 'purchase-request:none:task:approval', data: { decision: 'approve' } },
        { taskId: c.taskId, data: { decision: 'approve' } },
        { taskId: a.taskId, data: { decision: 'approve' } },
      ],
    });
    expect(res.status).toBe(200);
    expect(
      res.body.results.map((r: { ok: boolean; status: number; error?: { code: string } }) => [
        r.ok,
        r.status,
        r.error?.code,
      ]),
    ).toEqual([
      [true, 200, undefined],
      [false, 422, 'form_invalid'],
      [false, 404, 'not_found'],
      [false, 409, 'conflict'],
      [false, 409, 'conflict'],
    ]);
    expect((await taskOf(b.taskId)).status).toBe('open');
  });
});

describe('the store is a read model: Temporal rebuilds it', () => {
  it('rewrites a deleted row of an open task from its workflow', async () => {
    const { taskId } = await launch(clerk);
    await approver.call('POST', `${taskPath(taskId)}/claim`);
    await stack.store.deleteTask(taskId);
    expect(await stack.store.getTask(taskId)).toBeUndefined();
    const detail = await taskOf(taskId);
    expect(detail).toMatchObject({ status: 'claimed', assignee: 'approver' });
    expect(await stack.store.getTask(taskId)).toMatchObject({ status: 'claimed', version: detail.version });
  });

  it('rewrites a deleted row of a closed task from its final state', async () => {
    const { taskId } = await launch(clerk);
    await approver.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } });
    await eventually(
      async () => (await temporal.client.workflow.getHandle(taskId).describe()).status.name === 'COMPLETED',
      'the task to close',
    );
    await stack.store.deleteTask(taskId);
    expect((await taskOf(taskId)).status).toBe('completed');
    expect(await stack.store.getTask(taskId)).toMatchObject({ status: 'completed' });
  });
});

describe('cancellation', () => {
  it('cancelling the process cancels its open task', async () => {
    const { workflowId, taskId } = await launch(clerk);
    await temporal.client.workflow.getHandle(workflowId).cancel();
    const task = await eventually(async () => {
      const row = await stack.store.getTask(taskId);
      return row?.status === 'cancelled' && row;
    }, 'the task to be cancelled');
    expect(task.audit.at(-1)).toMatchObject({ action: 'cancelled', actor: 'system' });
    await eventually(
      async () => (await temporal.client.workflow.getHandle(taskId).describe()).status.name === 'CANCELLED',
      'the task workflow to end as cancelled',
    );
    expect((await approver.call('POST', `${taskPath(taskId)}/claim`)).status).toBe(409);
  });
});

describe('live events', () => {
  it('streams a task event when a task appears', async () => {
    const controller = new AbortController();
    const response = await fetch(`${stack.url}/api/events?token=${approver.token}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const { workflowId } = await launch(clerk);
    let text = '';
    await eventually(async () => {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
      return text.includes(workflowId);
    }, 'the task event');
    controller.abort();
    const event = text.split('\n\n').find((e) => e.includes(workflowId)) ?? '';
    expect(event).toMatch(/^event: task/m);
    expect(JSON.parse(event.split('\ndata: ')[1] ?? '{}')).toMatchObject({
      processWorkflowId: workflowId,
      status: 'open',
      overdue: false,
    });
  });

  it('sends each user only the tasks they may see, and a removal when one leaves their sight', async () => {
    const streams: EventStream[] = [];
    const open = async (session: ApiSession) => {
      const stream = await openEventStream(stack.url, session.token);
      streams.push(stream);
      return stream;
    };
    try {
      const [clerkStream, approverStream] = [await open(clerk), await open(approver)];
      const about = (stream: EventStream, taskId: string, event = 'task') =>
        stream.events.filter((e) => e.event === event && e.data.id === taskId);

      // Offered to the approver role only: the clerk who asked for it does not see it.
      const forApprovers = await launch(clerk);
      await eventually(
        async () => about(approverStream, forApprovers.taskId).length > 0,
        'the approver to hear of the task',
      );

      // Handed to the clerk by a manager: now the clerk hears of it, as assignee.
      const handed = await launch(manager);
      expect((await manager.call('POST', `${taskPath(handed.taskId)}/reassign`, { toUser: 'clerk' })).status).toBe(200);
      const theirs = await eventually(
        async () => about(clerkStream, handed.taskId).find((e) => e.data.assignee === 'clerk'),
        "the clerk's own task",
      );
      expect(theirs.data).toMatchObject({ status: 'claimed', candidateRoles: ['approver'] });
      // The feed sends in store order: the approvers' task came first, so it was held back from the clerk, not late.
      expect(clerkStream.events.filter((e) => e.data.id === forApprovers.taskId)).toEqual([]);

      // Back to the approver queue: the clerk is told it left (and nothing more about it), the approver sees it.
      expect((await manager.call('POST', `${taskPath(handed.taskId)}/reassign`, { toRole: 'approver' })).status).toBe(
        200,
      );
      const removed = await eventually(
        async () => about(clerkStream, handed.taskId, 'task-removed')[0],
        'the removal for the clerk',
      );
      expect(removed.data).toEqual({ id: handed.taskId, version: expect.any(Number) });
      expect(about(clerkStream, handed.taskId).every((e) => e.data.version < removed.data.version)).toBe(true);
      await eventually(
        async () => about(approverStream, handed.taskId).find((e) => e.data.version === removed.data.version),
        'the approver to see it back in the queue',
      );
      expect(about(approverStream, handed.taskId, 'task-removed')).toEqual([]);
    } finally {
      for (const stream of streams) stream.close();
    }
  });
});
