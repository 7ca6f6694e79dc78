import { randomUUID } from 'node:crypto';
import type { LaunchableProcess } from '../api/processes';
import type { PurchaseRequestForm } from '../../schemas/purchasing/purchase-request-form';
import { purchaseRequest } from '../../workflows/purchasing/purchase-request';
import { startedByMemo } from '../../platform/task-store/visibility';

/** Launched from the inbox: the requester is the signed-in user, never a field of the form. */
export const purchaseRequestLauncher: LaunchableProcess = {
  name: 'purchase-request',
  title: 'Purchase request',
  description: 'Ask to buy something; an approver (two above 1,000) decides, and the decision is filed.',
  form: 'purchase-request',
  roles: ['clerk', 'manager', 'admin'],
  async start(client, taskQueue, input, user) {
    const workflowId = `purchase-request:${randomUUID()}`;
    await client.workflow.start(purchaseRequest, {
      taskQueue,
      workflowId,
      // The starter may read the run later (GET /api/processes/runs/:id).
      memo: startedByMemo(user.username),
      args: [{ ...(input as PurchaseRequestForm), requestedBy: user.username }],
    });
    return workflowId;
  },
};
