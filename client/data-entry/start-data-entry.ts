import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import {
  dataEntryBatch,
  dataEntryBatchInput,
  dataEntryBatchWorkflowId,
  type ExceptionTaskSettings,
} from '../../workflows/data-entry';
import type { RecordFile } from './read-records';

export interface DataEntryOptions {
  mainTaskQueue: string;
  botsTaskQueue: string;
  /** Business key of the batch; default: the file's content hash. */
  batchId?: string;
  parallelism?: number;
  chunkSize?: number;
  chunkConcurrency?: number;
  heartbeatTimeoutSeconds?: number;
  /** Who works exception tasks for rows the portal rejects (see exceptionTaskSettings). */
  exceptionTasks?: ExceptionTaskSettings;
}

export interface StartedBatch {
  workflowId: string;
  /** false when this batch was started before (running or finished): we attach to it instead. */
  started: boolean;
  handle: WorkflowHandle<typeof dataEntryBatch>;
}

export const batchWorkflowId = dataEntryBatchWorkflowId;

/** Starts the batch under its business key; the same file again attaches to the first run instead of entering twice. */
export async function startDataEntry(
  client: Client,
  file: RecordFile,
  options: DataEntryOptions,
): Promise<StartedBatch> {
  const input = dataEntryBatchInput(file, options);
  const workflowId = batchWorkflowId(input.batchId);
  try {
    const handle = await client.workflow.start(dataEntryBatch, {
      taskQueue: options.mainTaskQueue,
      workflowId,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { workflowId, started: true, handle };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return { workflowId, started: false, handle: client.workflow.getHandle<typeof dataEntryBatch>(workflowId) };
  }
}
