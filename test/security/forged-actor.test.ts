import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskStoreActivities } from '../../activities/engine/tasks';
import { updateTask } from '../../client/api/tasks/task-access';
import { actorVerifyKeys, createActorSigner, devActorSigningKey } from '../../platform/actor-keys';
import { loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import type { Actor, TaskState } from '../../schemas/engine/human-task';
import {
  cancelTaskSignal,
  claimTaskUpdate,
  commentTaskUpdate,
  completeTaskUpdate,
  taskStateQuery,
} from '../../workflows/engine/human-task/messages';
import { startAttendedStack, type AttendedStack } from '../helpers/attended';
import { actOnTask, signedArgs } from '../helpers/signed-task-updates';
import { startStandaloneTask } from '../helpers/standalone-task';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let temporal: TestTemporal;
let stack: AttendedStack;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  stack = await startAttendedStack(temporal);
});
afterAll(async () => {
  await stack?.stop();
  await temporal?.close();
});

const approver: Actor = { username: 'approver', roles: ['approver'] };
const manager: Actor = { username: 'manager', roles: ['manager'] };
const approve = { decision: 'approve' };

/** An open approval task for approvers, on the stack's worker (which verifies with the development key). */
async function openTask(queue = stack.taskQueue): Promise<WorkflowHandle> {
  const handle = await startStandaloneTask(temporal.client, queue, 'forged-actor');
  await expect.poll(() => handle.query(taskStateQuery).then((s) => s.status)).toBe('open');
  return handle;
}

const stateOf = (task: WorkflowHandle): Promise<TaskState> => task.query(taskStateQuery);

/** Sends completeTask with raw arguments, as a client that reaches Temporal directly can. */
const sendRaw = (task: WorkflowHandle, update: { name: string }, args: object) =>
  task.executeUpdate<TaskState, [object]>(update.name, { args: [args] });

/** The Update was refused by the validator and left nothing behind: same version, same audit, still open. */
async function expectRefused(task: WorkflowHandle, attempt: () => Promise<unknown>, reason: RegExp) {
  const before = await stateOf(task);
  await expect(attempt()).rejects.toMatchObject({
    cause: { type: 'TaskForbidden', message: expect.stringMatching(reason) },
  });
  const after = await stateOf(task);
  expect(after.version).toBe(before.version);
  expect(after.audit).toEqual(before.audit);
  expect(after.status).toBe('open');
  expect(after.signOffs).toEqual([]);
}

describe('item 7: whoever reaches Temporal cannot act as anyone', () => {
  it('item 7: completeTask with a made-up actor and no signature is refused', async () => {
    const task = await openTask();
    await expectRefused(
      task,
      () => sendRaw(task, completeTaskUpdate, { actor: approver, data: approve }),
      /not signed/,
    );
    await expectRefused(
      task,
      () =>
        sendRaw(task, completeTaskUpdate, {
          actor: approver,
          data: approve,
          proof: { keyId: 'dev', issuedAt: Date.now(), signature: randomBytes(64).toString('hex') },
        }),
      /does not match/,
    );
  });

  it("item 7: a signature by the attacker's own key under the development key's id is refused", async () => {
    const task = await openTask();
    const forger = createActorSigner({ ACTOR_SIGNING_KEYS: `dev:${randomBytes(32).toString('base64')}` });
    const args = forger(task.workflowId, completeTaskUpdate.name, { actor: approver, data: approve });
    await expectRefused(task, () => sendRaw(task, completeTaskUpdate, args), /does not match/);
  });

  it('item 7: a signature for another task, another update or changed arguments is refused', async () => {
    const task = await openTask();
    const other = await openTask();
    const forOther = signedArgs(other.workflowId, completeTaskUpdate, { actor: approver, data: approve })[0];
    await expectRefused(task, () => sendRaw(task, completeTaskUpdate, forOther), /does not match/);

    const forClaim = signedArgs(task.workflowId, claimTaskUpdate, { actor: approver })[0];
    await expectRefused(
      task,
      () => sendRaw(task, completeTaskUpdate, { ...forClaim, data: approve }),
      /does not match/,
    );

    const signed = signedArgs(task.workflowId, completeTaskUpdate, {
      actor: approver,
      data: { decision: 'reject', comment: 'no' },
    })[0];
    await expectRefused(task, () => sendRaw(task, completeTaskUpdate, { ...signed, data: approve }), /does not match/);
    await expectRefused(
      task,
      () => sendRaw(task, completeTaskUpdate, { ...signed, actor: { username: 'approver2', roles: ['approver'] } }),
      /does not match/,
    );
    await expectRefused(
      task,
      () =>
        sendRaw(task, completeTaskUpdate, { ...signed, actor: { username: 'approver', roles: ['approver', 'admin'] } }),
      /does not match/,
    );
  });

  it('item 7: an expired or future-dated signature is refused, and a used one is not accepted again', async () => {
    const task = await openTask();
    const args = { actor: approver, data: approve };
    const stale = createActorSigner({}, () => Date.now() - 6 * 60_000)(task.workflowId, completeTaskUpdate.name, args);
    await expectRefused(task, () => sendRaw(task, completeTaskUpdate, stale), /expired/);
    const future = createActorSigner({}, () => Date.now() + 6 * 60_000)(task.workflowId, completeTaskUpdate.name, args);
    await expectRefused(task, () => sendRaw(task, completeTaskUpdate, future), /expired/);

    const comment = signedArgs(task.workflowId, commentTaskUpdate, { actor: approver, text: 'looking' })[0];
    await sendRaw(task, commentTaskUpdate, comment);
    await expectRefused(task, () => sendRaw(task, commentTaskUpdate, comment), /already used/);
    expect((await stateOf(task)).audit.filter((r) => r.action === 'commented')).toHaveLength(1);
  });

  it('item 7: the cancel signal is ignored unless a supervisor signed it', async () => {
    const task = await openTask();
    const before = await stateOf(task);
    await task.signal(cancelTaskSignal, { actor: 'manager', comment: 'forged' });
    const clerk = { username: 'clerk', roles: ['clerk'] };
    await task.signal(cancelTaskSignal, signedCancel(task, { actor: clerk }));
    // Signals and Updates are handled in the order they arrive: after this comment both signals were seen.
    const after = await actOnTask(task, commentTaskUpdate, { actor: approver, text: 'still here' });
    expect(after.status).toBe('open');
    expect(after.version).toBe(before.version + 1);
    expect(after.audit.map((r) => r.action)).not.toContain('cancelled');

    await task.signal(cancelTaskSignal, signedCancel(task, { actor: manager, comment: 'withdrawn' }));
    await expect.poll(async () => (await task.describe()).status.name).toBe('FAILED');
    expect((await stateOf(task)).audit.at(-1)).toMatchObject({ action: 'cancelled', actor: 'manager' });
  });

  it('item 7: a task opened before a new key reloads its keys when the API signs with it (rotation)', async () => {
    const next = `next:${randomBytes(32).toString('base64')}`;
    const queue = temporal.newTaskQueue('rotation');
    const before = await temporal.createWorker({
      taskQueue: queue,
      activities: createTaskStoreActivities({ store: stack.store }),
    });
    const task = await before.runUntil(() => openTask(queue));
    // The workers learn the new key; the API signs with it; the open task still knows only the old one.
    const after = await temporal.createWorker({
      taskQueue: queue,
      activities: createTaskStoreActivities({
        store: stack.store,
        actorKeys: actorVerifyKeys({ ACTOR_SIGNING_KEYS: `${devActorSigningKey},${next}` }),
      }),
    });
    const config = loadConfig({ NODE_ENV: 'test', ACTOR_SIGNING_KEYS: `${devActorSigningKey},${next}` });
    const deps = { client: temporal.client, store: stack.store, config, logger: createLogger(config, 'test') };
    const claimed = await after.runUntil(() => updateTask(deps, task.workflowId, claimTaskUpdate, { actor: approver }));
    expect(claimed).toMatchObject({ status: 'claimed', assignee: 'approver' });
  });
});

function signedCancel(task: WorkflowHandle, args: { actor: Actor; comment?: string }) {
  return createActorSigner()(task.workflowId, cancelTaskSignal.name, args);
}
