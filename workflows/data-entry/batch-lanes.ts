/**
 * What the stages of one data-entry batch share, and its middle stage: lanes that enter the chunks, each by
 * its own child workflow, and the exception follow-ups they start for rows the portal rejected.
 */
import { executeChild, isCancellation, ParentClosePolicy } from '@temporalio/workflow';
import type { NumberedVendorRecord } from '../../schemas/data-entry/vendor-record';
import type { BatchProgress, ChunkState, ExceptionGroupState } from './data-entry-batch';
import { dataEntryChunk } from './data-entry-chunk';
import {
  dataEntryExceptions,
  defaultExceptionTasks,
  exceptionsWorkflowId,
  type RejectedRow,
} from './data-entry-exceptions';
import {
  count,
  type DataEntryBatchInput,
  type DataEntryCounts,
  type ExceptionOutcome,
  type RecordOutcome,
} from './outcomes';

export interface BatchRun {
  readonly input: DataEntryBatchInput;
  readonly workflowId: string;
  /** Records per chunk. */
  readonly size: number;
  /** Whether portal rejections become exception tasks (runs recorded before exceptionTasksPatch: no). */
  readonly exceptionTasks: boolean;
  readonly chunks: ChunkState[];
  readonly counts: DataEntryCounts;
  /** Records finished in completed chunks. */
  done: number;
  status: BatchProgress['status'];
  readonly groups: ExceptionGroupState[];
  /** Each chunk's outcomes, at the chunk's index. */
  readonly results: RecordOutcome[][];
  /** The index of the next chunk a lane takes. */
  next: number;
  readonly exceptions: ExceptionOutcome[];
  /** The exception follow-ups started; the batch reports once all have ended. */
  readonly followUps: Promise<void>[];
}

/** Rejected rows whose exception tasks are not all resolved yet. */
export const waitingForPeople = (batch: BatchRun): number =>
  batch.groups.reduce((n, g) => n + (g.status === 'waiting' ? g.rows : 0), 0);

/** The rows of a chunk's outcomes that the portal refused, with the records as the file gave them. */
function rejectedRows(outcomes: RecordOutcome[], records: NumberedVendorRecord[]): RejectedRow[] {
  const byRow = new Map(records.map((r) => [r.row, r.record]));
  return outcomes.flatMap((o) => {
    const record = byRow.get(o.row);
    return o.outcome === 'rejected' && record
      ? [{ row: o.row, record, reason: o.reason, fieldErrors: o.fieldErrors, evidence: o.evidence }]
      : [];
  });
}

/** Starts the lanes, at most `chunkConcurrency`: each enters one chunk after the other until none is left. */
export function startLanes(batch: BatchRun): Promise<void>[] {
  const lanes = Math.max(1, Math.min(batch.input.chunkConcurrency, batch.chunks.length));
  return Array.from({ length: lanes }, () => lane(batch));
}

async function lane(batch: BatchRun): Promise<void> {
  const { input, chunks, size } = batch;
  while (batch.next < chunks.length) {
    const index = batch.next++;
    const state = chunks[index] as ChunkState;
    state.status = 'running';
    const records = input.records.slice(index * size, index * size + state.size);
    const outcomes = await executeChild(dataEntryChunk, {
      workflowId: state.workflowId,
      args: [
        {
          batchId: input.batchId,
          chunk: state.chunk,
          records,
          parallelism: input.parallelism,
          botsTaskQueue: input.botsTaskQueue,
          heartbeatTimeoutSeconds: input.heartbeatTimeoutSeconds,
        },
      ],
      parentClosePolicy: ParentClosePolicy.TERMINATE,
    });
    batch.results[index] = outcomes;
    for (const outcome of outcomes) count(batch.counts, outcome);
    batch.done += outcomes.length;
    state.status = 'done';
    const rejected = batch.exceptionTasks ? rejectedRows(outcomes, records) : [];
    if (rejected.length > 0) {
      // Not awaited here: people may take days, and this lane moves on to the next chunk.
      const running = followUp(batch, state, rejected);
      running.catch(() => undefined);
      batch.followUps.push(running);
    }
  }
}

/** The exception tasks of one chunk's rejected rows, worked in a child of their own. */
async function followUp(batch: BatchRun, chunk: ChunkState, rows: RejectedRow[]): Promise<void> {
  const { input } = batch;
  const group: ExceptionGroupState = {
    chunk: chunk.chunk,
    workflowId: exceptionsWorkflowId(chunk.workflowId),
    rows: rows.length,
    status: 'waiting',
  };
  batch.groups.push(group);
  try {
    const ended = await executeChild(dataEntryExceptions, {
      workflowId: group.workflowId,
      args: [
        {
          batchId: input.batchId,
          batchWorkflowId: batch.workflowId,
          source: input.source,
          chunk: chunk.chunk,
          rows,
          botsTaskQueue: input.botsTaskQueue,
          heartbeatTimeoutSeconds: input.heartbeatTimeoutSeconds,
          tasks: input.exceptionTasks ?? defaultExceptionTasks,
        },
      ],
      // Ending the batch withdraws its open tasks from the inbox.
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    });
    batch.exceptions.push(...ended);
  } catch (err) {
    if (isCancellation(err)) throw err;
    // The follow-up failed as a whole: its rows still need a person, and the batch still reports.
    const reason = `the exception tasks failed: ${err instanceof Error ? err.message : String(err)}`;
    batch.exceptions.push(
      ...rows.map((r) => ({
        row: r.row,
        vatId: r.record.vatId,
        resolution: 'failed' as const,
        reason,
        evidence: r.evidence,
        tasks: [],
      })),
    );
  }
  group.status = 'done';
}
