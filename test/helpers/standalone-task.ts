import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { HumanTaskInput } from '../../schemas/engine/human-task';
import { humanTaskWorkflow } from '../../workflows/engine/human-task/human-task';
import { taskWorkflowId } from '../../workflows/engine/human-task/request';

/**
 * Starts a human task on its own, as if a process of type `process` had asked for it: an approval for approvers
 * unless `overrides` says otherwise. Its id is the one a parent would give it.
 */
export function startStandaloneTask(
  client: Client,
  taskQueue: string,
  process: string,
  overrides: Partial<HumanTaskInput> = {},
) {
  const processWorkflowId = `${process}:${randomUUID()}`;
  const input: HumanTaskInput = {
    key: 'check',
    type: 'approval',
    title: 'Check it',
    form: 'approval',
    candidates: { roles: ['approver'] },
    process,
    processWorkflowId,
    ...overrides,
  };
  return client.workflow.start(humanTaskWorkflow, {
    taskQueue,
    workflowId: taskWorkflowId(processWorkflowId, input.key),
    args: [input],
  });
}
