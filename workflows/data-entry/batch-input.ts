import type { NumberedVendorRecord } from '../../schemas/data-entry/vendor-record';
import type { DataEntryBatchInput, ExceptionTaskSettings, InvalidRow } from './outcomes';

/** A record file as intake read it: its name, its content hash, and its rows sorted into valid and invalid. */
export interface ReadRecords {
  source: string;
  contentHash: string;
  valid: NumberedVendorRecord[];
  invalid: InvalidRow[];
}

export interface BatchSettings {
  /** Business key of the batch; default: the file's content hash, so the same file is the same batch. */
  batchId?: string;
  parallelism?: number;
  chunkSize?: number;
  chunkConcurrency?: number;
  botsTaskQueue: string;
  heartbeatTimeoutSeconds?: number;
  /** Who works exception tasks for rejected rows; the workflow has defaults when left out. */
  exceptionTasks?: ExceptionTaskSettings;
}

export function dataEntryBatchWorkflowId(batchId: string): string {
  return `data-entry:${batchId}`;
}

/** The batch workflow's input with the defaults every entry point shares (CLI, API, drop folder). */
export function dataEntryBatchInput(file: ReadRecords, settings: BatchSettings): DataEntryBatchInput {
  return {
    batchId: settings.batchId ?? file.contentHash.slice(0, 16),
    source: file.source,
    records: file.valid,
    invalid: file.invalid,
    parallelism: settings.parallelism ?? 4,
    chunkSize: settings.chunkSize ?? 50,
    chunkConcurrency: settings.chunkConcurrency ?? 2,
    botsTaskQueue: settings.botsTaskQueue,
    heartbeatTimeoutSeconds: settings.heartbeatTimeoutSeconds,
    exceptionTasks: settings.exceptionTasks,
  };
}
