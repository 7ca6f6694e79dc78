import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { FormName } from '../../schemas/forms';
import type { PurchaseRequestForm } from '../../schemas/forms/purchase-request';
import { purchaseRequest } from '../../workflows/purchase-request';
import type { ApiUser } from './context';

/** A process a person may launch from the inbox (attended automation): its start form and who may start it. */
export interface LaunchableProcess {
  name: string;
  title: string;
  description: string;
  form: FormName;
  roles: string[];
  /** Starts the process with form data already checked against `form`; returns its workflow id. */
  start(client: Client, taskQueue: string, input: unknown, user: ApiUser): Promise<string>;
}

export const launchableProcesses: LaunchableProcess[] = [
  {
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
        args: [{ ...(input as PurchaseRequestForm), requestedBy: user.username }],
      });
      return workflowId;
    },
  },
];

export const findProcess = (name: string) => launchableProcesses.find((p) => p.name === name);
export const mayStart = (process: LaunchableProcess, user: ApiUser) =>
  user.roles.some((r) => process.roles.includes(r));
