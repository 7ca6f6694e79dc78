import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowStartOptions } from '@temporalio/client';
import { WorkflowIdReusePolicy, type Workflow } from '@temporalio/common';

export type StartOnceOutcome =
  | { outcome: 'started'; workflowId: string; runId: string }
  | { outcome: 'duplicate'; workflowId: string; status: string };

/**
 * Starts a workflow under its business key, never reusing the id, even after the first run closed: a
 * resubmission is reported as a duplicate with the first run's status instead of being processed again.
 */
export async function startOnce<W extends Workflow>(
  client: Client,
  workflow: W,
  options: WorkflowStartOptions<W> & { workflowId: string },
): Promise<StartOnceOutcome> {
  try {
    const handle = await client.workflow.start(workflow, {
      ...options,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { outcome: 'started', workflowId: options.workflowId, runId: handle.firstExecutionRunId };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const description = await client.workflow.getHandle(options.workflowId).describe();
    return { outcome: 'duplicate', workflowId: options.workflowId, status: description.status.name };
  }
}
