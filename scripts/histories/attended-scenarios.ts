/** Recorded scenarios of attended work: the purchase-request demo and its human task, through Updates. */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { createNotifyActivities } from '../../activities/engine/notify';
import { createPurchasingActivities } from '../../activities/purchasing';
import { createTaskStoreActivities } from '../../activities/engine/tasks';
import { openPglite } from '../../platform/database/sql-client';
import { createSqlTaskStore } from '../../platform/task-store/sql-task-store';
import type { Actor } from '../../schemas/engine/human-task';
import {
  claimTaskUpdate,
  commentTaskUpdate,
  completeTaskUpdate,
  reassignTaskUpdate,
  unclaimTaskUpdate,
} from '../../workflows/engine/human-task/messages';
import { humanTaskWorkflow } from '../../workflows/engine/human-task/human-task';
import { purchaseRequest } from '../../workflows/purchasing/purchase-request';
import { waitForWorkflow } from './complete-task';
import { actOnTask } from '../../test/helpers/signed-task-updates';

const user = (username: string, ...roles: string[]): Actor => ({ username, roles });
const approver = user('approver', 'approver');
const approver2 = user('approver2', 'approver');
const manager = user('manager', 'manager');

/** The activities these scenarios need: an in-memory task store, log-only notifications, a temp register. */
export async function attendedActivities(dir: string) {
  const store = await createSqlTaskStore(await openPglite());
  return {
    ...createTaskStoreActivities({ store }),
    ...createNotifyActivities({}),
    ...createPurchasingActivities({ dir: join(dir, 'purchasing') }),
  };
}

async function startRequest(
  client: Client,
  taskQueue: string,
  amount: number,
  workflowId = `purchase-request:replay-${randomUUID()}`,
) {
  const handle = await client.workflow.start(purchaseRequest, {
    taskQueue,
    workflowId,
    args: [{ item: 'Desk lamp', amount, currency: 'EUR', justification: 'the old one flickers', requestedBy: 'clerk' }],
  });
  const task = await waitForWorkflow(client, `${workflowId}:task:approval`, 100);
  return { handle, task };
}

export const attendedScenarios = [
  {
    file: 'purchase-request-approved.json',
    async run(client: Client, taskQueue: string): Promise<string> {
      // The replay test runs each history under its file name as the workflow id, and a task's id derives
      // from its parent's: so the parent recorded here carries the file name as its id.
      const { handle, task } = await startRequest(client, taskQueue, 450, 'purchase-request-approved.json');
      await actOnTask(task, claimTaskUpdate, { actor: approver });
      await actOnTask(task, completeTaskUpdate, { actor: approver, data: { decision: 'approve' }, comment: 'fine' });
      await handle.result();
      return handle.workflowId;
    },
  },
  {
    file: 'human-task-four-eyes-reassign-reject.json',
    async run(client: Client, taskQueue: string): Promise<string> {
      const { handle, task } = await startRequest(client, taskQueue, 2400);
      await actOnTask(task, completeTaskUpdate, { actor: approver, data: { decision: 'approve' } });
      await actOnTask(task, claimTaskUpdate, { actor: approver2 });
      await actOnTask(task, commentTaskUpdate, { actor: approver2, text: 'asking the requester' });
      await actOnTask(task, unclaimTaskUpdate, { actor: approver2 });
      await actOnTask(task, reassignTaskUpdate, { actor: manager, toUser: 'approver2', comment: 'yours' });
      await actOnTask(task, completeTaskUpdate, {
        actor: approver2,
        data: { decision: 'reject', comment: 'over budget' },
      });
      await handle.result();
      return task.workflowId;
    },
  },
  {
    file: 'human-task-signed-override-two-approvers.json',
    async run(client: Client, taskQueue: string): Promise<string> {
      // Signed actors and deciding roles: a manager's sign-off is an override that does not count, so two
      // approvers still decide.
      const { handle, task } = await startRequest(client, taskQueue, 2400);
      await actOnTask(task, completeTaskUpdate, { actor: approver, data: { decision: 'approve' } });
      await actOnTask(task, reassignTaskUpdate, { actor: manager, toUser: 'manager', comment: 'I will look' });
      await actOnTask(task, completeTaskUpdate, { actor: manager, data: { decision: 'approve' }, comment: 'override' });
      await actOnTask(task, reassignTaskUpdate, { actor: manager, toUser: 'approver2', comment: 'yours after all' });
      await actOnTask(task, completeTaskUpdate, { actor: approver2, data: { decision: 'approve' } });
      await handle.result();
      return task.workflowId;
    },
  },
  {
    file: 'human-task-escalated-expired.json',
    async run(client: Client, taskQueue: string): Promise<string> {
      // A task on its own, escalated and then expired by its timers, its notifications sent beside the timeline.
      const handle = await client.workflow.start(humanTaskWorkflow, {
        taskQueue,
        workflowId: 'human-task-escalated-expired.json',
        args: [
          {
            key: 'check',
            type: 'approval',
            title: 'Nobody decides',
            form: 'approval',
            candidates: { roles: ['approver'] },
            sla: { dueIn: '1s', escalateTo: { roles: ['manager'] }, expireAfter: '1s' },
            process: 'replay',
            processWorkflowId: 'replay',
          },
        ],
      });
      await handle.result();
      return handle.workflowId;
    },
  },
];
