import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { dataEntryBatch, type DataEntryBatchInput } from '../../workflows/data-entry';
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
}

export interface StartedBatch {
  workflowId: string;
  /** false when this batch was started before (running or finished): we attach to it instead. */
  started: boolean;
  handle: WorkflowHandle<typeof dataEntryBatch>;
}

export function batchWorkflowId(batchId: string): string {
  return `data-entry:${batchId}`;
}

/** Starts the batch under its business key; the same file again attaches to the first run instead of entering twice. */
export async function startDataEntry(client: Client, file: RecordFile, options: DataEntryOptions): Promise<StartedBatch> {
  const batchId = options.batchId ?? file.contentHash.slice(0, 16);
  const workflowId = batchWorkflowId(batchId);
  const input: DataEntryBatchInput = {
    batchId,
    source: file.source,
    records: file.valid,
    invalid: file.invalid,
    parallelism: options.parallelism ?? 4,
    chunkSize: options.chunkSize ?? 50,
    chunkConcurrency: options.chunkConcurrency ?? 2,
    botsTaskQueue: options.botsTaskQueue,
    heartbeatTimeoutSeconds: options.heartbeatTimeoutSeconds,
  };
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
