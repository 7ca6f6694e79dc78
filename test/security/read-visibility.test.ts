/**
 * Issue item 6: reading by id follows the inbox's visibility rule. For each route that reads a thing by id, a user
 * whose list hides it gets 404 (the answer for a thing that does not exist) and a body with none of its data; a
 * user who may see it gets 200. Attacks go through the real API against real Temporal and a real task store.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolderArtifactStore } from '../../activities/engine/artifacts/artifact-store';
import { sampleInvoice } from '../fixtures/invoices';
import {
  eventually,
  login,
  startAttendedStack,
  taskPath,
  type ApiResponse,
  type ApiSession,
  type AttendedStack,
} from '../helpers/attended';
import { startStandaloneTask } from '../helpers/standalone-task';
import { connectTestTemporal, terminateRuns, type TestTemporal } from '../helpers/temporal';

let temporal: TestTemporal;
let stack: AttendedStack;
let clerk: ApiSession;
let approver: ApiSession;
let manager: ApiSession;
/** Holds the payroll role only: no task of a purchase request is theirs, and they started none. */
let outsider: ApiSession;
const started: string[] = [];

beforeAll(async () => {
  temporal = await connectTestTemporal();
  stack = await startAttendedStack(temporal);
  [clerk, approver, manager, outsider] = await Promise.all([
    login(stack.url, 'clerk'),
    login(stack.url, 'approver'),
    login(stack.url, 'manager'),
    login(stack.url, 'payroll'),
  ]);
});
afterAll(async () => {
  await terminateRuns(temporal.client, started);
  await stack?.stop();
  await temporal?.close();
});

/** A purchase request launched by the clerk whose justification carries `marker`; its approval task is approvers'. */
async function purchaseRequest() {
  const marker = `secret-${randomUUID()}`;
  const res = await clerk.call('POST', '/api/processes/purchase-request/start', {
    input: { item: 'Laptop', amount: 800, currency: 'EUR', justification: marker },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const workflowId = res.body.workflowId as string;
  started.push(workflowId);
  const taskId = `${workflowId}:task:approval`;
  await eventually(() => stack.store.getTask(taskId), `task ${taskId} in the store`);
  return { workflowId, taskId, marker };
}

/** The refusal a hidden thing gets: 404 not_found, and nothing of the thing in the body. */
function expectHidden(res: ApiResponse, marker: string, what: string) {
  expect(res.status, what).toBe(404);
  expect(res.body, what).toMatchObject({ error: { code: 'not_found' } });
  expect(JSON.stringify(res.body), what).not.toContain(marker);
}

const listed = async (user: ApiSession) =>
  (await user.call('GET', '/api/tasks?view=all&status=any&limit=200')).body.items.map((t: { id: string }) => t.id);

describe('item 6: reading by id follows the list', () => {
  it('item 6: task detail is 404 to a user whose list hides the task, 200 to its candidate and a supervisor', async () => {
    const { taskId, marker } = await purchaseRequest();
    expect(await listed(outsider)).not.toContain(taskId);
    expectHidden(await outsider.call('GET', taskPath(taskId)), marker, 'outsider');
    // The starter sees the run, not the approver's task page: the task is not in their list either.
    expect(await listed(clerk)).not.toContain(taskId);
    expectHidden(await clerk.call('GET', taskPath(taskId)), marker, 'starter');
    // Same answer as for a task that does not exist.
    expect((await outsider.call('GET', taskPath(`${taskId}-nope`))).body.error.code).toBe('not_found');

    for (const user of [approver, manager]) {
      const seen = await user.call('GET', taskPath(taskId));
      expect(seen.status).toBe(200);
      expect(seen.body.context.justification).toBe(marker);
    }
  });

  it('item 6: actions on a hidden task answer 404 and change nothing; an action that hides the task answers without its data', async () => {
    const { taskId, marker } = await purchaseRequest();
    const before = (await approver.call('GET', taskPath(taskId))).body;
    expectHidden(await outsider.call('POST', `${taskPath(taskId)}/claim`), marker, 'claim');
    expectHidden(await outsider.call('POST', `${taskPath(taskId)}/comment`, { text: 'hi' }), marker, 'comment');
    expectHidden(
      await outsider.call('POST', `${taskPath(taskId)}/complete`, { data: { decision: 'approve' } }),
      marker,
      'complete',
    );
    const bulk = await outsider.call('POST', '/api/tasks/bulk-complete', {
      items: [{ taskId, data: { decision: 'approve' } }],
    });
    expect(bulk.body.results).toEqual([expect.objectContaining({ ok: false, status: 404 })]);
    expect(JSON.stringify(bulk.body)).not.toContain(marker);
    const after = (await approver.call('GET', taskPath(taskId))).body;
    expect(after).toMatchObject({ version: before.version, status: 'open', assignee: null, audit: before.audit });

    // The approver hands the task to the managers' queue: the answer no longer shows what they may not see.
    await approver.call('POST', `${taskPath(taskId)}/claim`);
    const handed = await approver.call('POST', `${taskPath(taskId)}/reassign`, { toRole: 'manager' });
    expect(handed.status).toBe(200);
    expect(handed.body).toEqual({ id: taskId, status: 'open', version: expect.any(Number) });
    expectHidden(await approver.call('GET', taskPath(taskId)), marker, 'after handing it on');
  });

  it('item 6: both audit routes are 404 to an outsider; the starter and the candidate read them', async () => {
    const { workflowId, taskId, marker } = await purchaseRequest();
    await approver.call('POST', `${taskPath(taskId)}/comment`, { text: marker });
    const taskAudit = `/api/audit/tasks/${encodeURIComponent(taskId)}`;
    const runAudit = `/api/audit/processes/${encodeURIComponent(workflowId)}`;
    expectHidden(await outsider.call('GET', taskAudit), marker, 'task audit');
    expectHidden(await outsider.call('GET', runAudit), marker, 'process audit');
    expect((await outsider.call('GET', `/api/audit/processes/${encodeURIComponent(`${workflowId}x`)}`)).status).toBe(
      404,
    );
    for (const user of [clerk, approver, manager]) {
      const trail = await user.call('GET', taskAudit);
      expect(trail.status).toBe(200);
      expect(JSON.stringify(trail.body)).toContain(marker);
      const run = await user.call('GET', runAudit);
      expect(run.status).toBe(200);
      expect(run.body.tasks.map((t: { id: string }) => t.id)).toEqual([taskId]);
    }
  });

  it('item 6: a run result is 404 to an outsider; its starter and the candidate of its task read it', async () => {
    const { workflowId, taskId, marker } = await purchaseRequest();
    const runPath = `/api/processes/runs/${encodeURIComponent(workflowId)}`;
    expectHidden(await outsider.call('GET', runPath), marker, 'run');
    expect(JSON.stringify((await outsider.call('GET', runPath)).body)).not.toContain(taskId);
    for (const user of [clerk, approver, manager]) {
      const run = await user.call('GET', runPath);
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({ workflowId, status: 'RUNNING', tasks: [{ id: taskId }] });
    }
  });

  it('item 6: invoice status is 404 to users who did not submit it and see none of its tasks', async () => {
    const invoice = sampleInvoice({ invoiceNumber: `VIS-${randomUUID().slice(0, 8).toUpperCase()}` });
    const { submittedBy: _ignored, ...document } = invoice;
    const submitted = await clerk.call('POST', '/api/invoices', document);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const workflowId = submitted.body.outcomes[0].workflowId as string;
    started.push(workflowId);
    const statusPath = `/api/invoices/${encodeURIComponent(workflowId)}/status`;
    // It waits for its first bot step: no task exists, so no approver's list holds anything of it.
    expectHidden(await outsider.call('GET', statusPath), invoice.vendorName, 'outsider');
    expectHidden(await approver.call('GET', statusPath), invoice.vendorName, 'approver');
    for (const user of [clerk, manager]) {
      const status = await user.call('GET', statusPath);
      expect(status.status).toBe(200);
      expect(status.body).toMatchObject({ businessKey: workflowId, total: invoice.total });
    }
    // Sending the same invoice again tells the outsider it is a duplicate, never the first run's state.
    const again = await outsider.call('POST', '/api/invoices', document);
    expect(again.body.outcomes).toEqual([expect.objectContaining({ outcome: 'duplicate', workflowId })]);
    expect(again.body.outcomes[0]).not.toHaveProperty('status');
  });

  it('item 6: ticket status and a fresh summary are 404 to users who did not submit it and see none of its tasks', async () => {
    const ticketId = `T-VIS-${randomUUID().slice(0, 8)}`;
    const submitted = await clerk.call('POST', '/api/tickets', {
      ticketId,
      subject: 'Charged twice',
      messages: [{ from: 'anna@example.de', body: 'I was charged twice for my order. Please refund.' }],
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const workflowId = submitted.body.workflowId as string;
    started.push(workflowId);
    const statusPath = `/api/tickets/${encodeURIComponent(workflowId)}`;
    expectHidden(await outsider.call('GET', statusPath), ticketId, 'status');
    expectHidden(await outsider.call('POST', `${statusPath}/refresh-summary`), ticketId, 'refresh');
    expectHidden(await approver.call('GET', statusPath), ticketId, 'approver');
    for (const user of [clerk, manager]) {
      const status = await user.call('GET', statusPath);
      expect(status.status).toBe(200);
      expect(status.body).toMatchObject({ businessKey: workflowId });
    }
    // A resubmission is refused as a duplicate without the first run's state.
    const again = await outsider.call('POST', '/api/tickets', {
      ticketId,
      subject: 'Charged twice',
      messages: [{ from: 'anna@example.de', body: 'I was charged twice for my order. Please refund.' }],
    });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).not.toMatch(/running|completed/i);
    // This stack runs no triage activities: end the run now rather than let it retry until the suite ends.
    await temporal.client.workflow.getHandle(workflowId).terminate('test done');
  });
});

describe('item 6: artifacts belong to a case', () => {
  it('item 6: evidence saved for a case is served to those who see the case and 404 to anyone else', async () => {
    const { workflowId, marker } = await purchaseRequest();
    const store = createFolderArtifactStore(stack.artifactsDir);
    const group = `2026-01-05T10-00-00-000Z-${randomUUID()}-enter-vendor`;
    await store.save(group, 'error.txt', `portal refused: ${marker}`, { caseId: workflowId });
    const path = `/api/artifacts/${group}/error.txt`;

    const refused = await outsider.call('GET', path);
    expectHidden(refused, marker, 'evidence');
    // Same answer as for a file that is not there.
    expect((await outsider.call('GET', `/api/artifacts/${group}/missing.txt`)).status).toBe(404);
    for (const user of [clerk, approver, manager]) {
      const res = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${user.token}` } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(marker);
    }
  });

  it("item 6: evidence a child run saved is served to those who see the tasks of the case's child runs", async () => {
    // As a data-entry chunk saves a bot's evidence and its exceptions run (`<chunk>:exceptions`) asks a person.
    const chunk = `visibility-batch:${randomUUID()}:chunk-1`;
    const task = await startStandaloneTask(temporal.client, stack.taskQueue, 'visibility-batch', {
      processWorkflowId: `${chunk}:exceptions`,
      candidates: { roles: ['clerk'] },
    });
    started.push(task.workflowId);
    await eventually(() => stack.store.getTask(task.workflowId), 'the exception task');
    const marker = `secret-${randomUUID()}`;
    const group = `2026-01-05T10-00-00-000Z-${randomUUID()}-row-4`;
    await createFolderArtifactStore(stack.artifactsDir).save(group, 'error.txt', marker, { caseId: chunk });
    const path = `/api/artifacts/${group}/error.txt`;
    expectHidden(await approver.call('GET', path), marker, 'not a candidate');
    const res = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${clerk.token}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(marker);
  });

  it('item 6: a guessed name of a file saved without an owner is refused to inbox users; only supervisors read it', async () => {
    const store = createFolderArtifactStore(stack.artifactsDir);
    // The old naming: a time, a step and 8 hex digits, and no record of the case.
    const group = `2026-01-05T10-00-00-000Z-enter-vendor-${randomUUID().slice(0, 8)}`;
    const marker = `secret-${randomUUID()}`;
    await store.save(group, 'page.html', marker);
    const path = `/api/artifacts/${group}/page.html`;
    for (const user of [clerk, approver, outsider]) expectHidden(await user.call('GET', path), marker, 'ownerless');
    const res = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${manager.token}` } });
    expect(res.status).toBe(200);
  });

  it('item 6: a file saved for a case with reader roles is refused to the case starter, its candidates and managers', async () => {
    const { workflowId, marker } = await purchaseRequest();
    const store = createFolderArtifactStore(stack.artifactsDir);
    const group = `restricted-${randomUUID()}`;
    await store.save(group, 'snapshot.json', JSON.stringify({ marker }), {
      caseId: workflowId,
      readerRoles: ['payroll'],
    });
    const path = `/api/artifacts/${group}/snapshot.json`;
    for (const user of [clerk, approver, manager]) expectHidden(await user.call('GET', path), marker, 'restricted');
    const res = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${outsider.token}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(marker);
  });
});
