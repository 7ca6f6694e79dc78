import {
  defineQuery,
  defineSignal,
  executeChild,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  ParentClosePolicy,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { NumberedVendorRecord } from '../../schemas/data-entry/vendor-record';
import { BpoBusinessKey, BpoProcess, BpoStatus } from '../engine/search-attributes';
import { dataEntryChunk } from './data-entry-chunk';
import {
  dataEntryExceptions,
  defaultExceptionTasks,
  exceptionsWorkflowId,
  type RejectedRow,
} from './data-entry-exceptions';
import {
  count,
  emptyCounts,
  type DataEntryBatchInput,
  type DataEntryCounts,
  type DataEntryReport,
  type ExceptionOutcome,
  type RecordOutcome,
  type ReviewItem,
} from './outcomes';

export interface ChunkState {
  chunk: number;
  workflowId: string;
  size: number;
  status: 'pending' | 'running' | 'done';
}

/** The exception tasks of one chunk's rejected rows, worked in a child of their own. */
export interface ExceptionGroupState {
  chunk: number;
  workflowId: string;
  rows: number;
  status: 'waiting' | 'done';
}

export interface BatchProgress extends DataEntryCounts {
  batchId: string;
  /** `waiting-for-people`: the bots are done, exception tasks are still open in the inbox. */
  status: 'running' | 'waiting-for-people' | 'completed';
  /** Records sent to bots (valid rows). */
  total: number;
  invalid: number;
  /** Records finished in completed chunks; running chunks report their own progress. */
  done: number;
  chunks: ChunkState[];
  /** Rejected rows whose exception tasks are not all resolved; each group lists its open tasks itself. */
  waitingForPeople?: number;
  exceptionGroups?: ExceptionGroupState[];
}

export const dataEntryProgressQuery = defineQuery<BatchProgress>('dataEntryProgress');

/** What a batch tells the workflow that started it once the bots are done and only people are left. */
export interface BatchEntered {
  batchWorkflowId: string;
  counts: DataEntryReport['counts'];
  waitingForPeople: number;
}

/** Sent to a parent (the nightly drop folder) so it need not wait for people to go on to its next file. */
export const dataEntryBatchEnteredSignal = defineSignal<[BatchEntered]>('dataEntryBatchEntered');

/** Marks batches that turn portal rejections into exception tasks; older histories replay without it. */
export const exceptionTasksPatch = 'data-entry-exception-tasks';

export function chunkWorkflowId(batchWorkflowId: string, chunk: number): string {
  return `${batchWorkflowId}:chunk-${chunk}`;
}

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

/**
 * A data-entry batch: valid records are split into chunks, each entered by its own child workflow (so no
 * history grows without bound), at most `chunkConcurrency` at once. Rows the portal rejects become exception
 * tasks for people, one child per chunk that had any, started as soon as that chunk is done so the remaining
 * chunks go on meanwhile. The result is the full report, including how every exception ended.
 */
export async function dataEntryBatch(input: DataEntryBatchInput): Promise<DataEntryReport> {
  const exceptionTasks = patched(exceptionTasksPatch);
  const { workflowId } = workflowInfo();
  const size = Math.max(1, input.chunkSize);
  const chunks: ChunkState[] = [];
  for (let start = 0, n = 1; start < input.records.length; start += size, n += 1) {
    chunks.push({
      chunk: n,
      workflowId: chunkWorkflowId(workflowId, n),
      size: Math.min(size, input.records.length - start),
      status: 'pending',
    });
  }
  const counts = emptyCounts();
  let done = 0;
  let status: BatchProgress['status'] = 'running';
  const groups: ExceptionGroupState[] = [];
  const waitingForPeople = () => groups.reduce((n, g) => n + (g.status === 'waiting' ? g.rows : 0), 0);
  setHandler(dataEntryProgressQuery, () => ({
    batchId: input.batchId,
    status,
    total: input.records.length,
    invalid: input.invalid.length,
    done,
    ...counts,
    chunks: chunks.map((c) => ({ ...c })),
    ...(exceptionTasks ? { waitingForPeople: waitingForPeople(), exceptionGroups: groups.map((g) => ({ ...g })) } : {}),
  }));
  upsertSearchAttributes([
    { key: BpoProcess, value: 'data-entry' },
    { key: BpoBusinessKey, value: input.batchId },
    { key: BpoStatus, value: status },
  ]);

  const exceptions: ExceptionOutcome[] = [];
  const followUps: Promise<void>[] = [];
  const followUp = async (chunk: ChunkState, rows: RejectedRow[]) => {
    const group: ExceptionGroupState = {
      chunk: chunk.chunk,
      workflowId: exceptionsWorkflowId(chunk.workflowId),
      rows: rows.length,
      status: 'waiting',
    };
    groups.push(group);
    try {
      const ended = await executeChild(dataEntryExceptions, {
        workflowId: group.workflowId,
        args: [
          {
            batchId: input.batchId,
            batchWorkflowId: workflowId,
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
      exceptions.push(...ended);
    } catch (err) {
      if (isCancellation(err)) throw err;
      // The follow-up failed as a whole: its rows still need a person, and the batch still reports.
      const reason = `the exception tasks failed: ${err instanceof Error ? err.message : String(err)}`;
      exceptions.push(
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
  };

  const results: RecordOutcome[][] = new Array(chunks.length);
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) {
      const index = next++;
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
      results[index] = outcomes;
      for (const outcome of outcomes) count(counts, outcome);
      done += outcomes.length;
      state.status = 'done';
      const rejected = exceptionTasks ? rejectedRows(outcomes, records) : [];
      if (rejected.length > 0) {
        // Not awaited here: people may take days, and this lane moves on to the next chunk.
        const running = followUp(state, rejected);
        running.catch(() => undefined);
        followUps.push(running);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(input.chunkConcurrency, chunks.length)) }, lane));
  if (groups.some((g) => g.status === 'waiting')) {
    status = 'waiting-for-people';
    upsertSearchAttributes([{ key: BpoStatus, value: status }]);
    const parent = workflowInfo().parent;
    if (parent) {
      await getExternalWorkflowHandle(parent.workflowId, parent.runId)
        .signal(dataEntryBatchEnteredSignal, {
          batchWorkflowId: workflowId,
          counts: { ...counts, invalid: input.invalid.length },
          waitingForPeople: waitingForPeople(),
        })
        .catch((err: unknown) => log.warn('the parent was not told that the bots are done', { error: String(err) }));
    }
  }
  await Promise.all(followUps);

  const outcomes = results.flat();
  exceptions.sort((a, b) => a.row - b.row);
  // Rows the bots gave up on, and rejected rows no person resolved (all rejected rows, in batches without tasks).
  const needsReview: ReviewItem[] = [
    ...outcomes.flatMap((o) =>
      o.outcome === 'failed' || (o.outcome === 'rejected' && !exceptionTasks)
        ? [{ row: o.row, vatId: o.vatId, reason: o.reason, evidence: o.evidence }]
        : [],
    ),
    ...exceptions.flatMap((e) =>
      e.resolution === 'expired' || e.resolution === 'failed'
        ? [{ row: e.row, vatId: e.vatId, reason: e.reason ?? e.resolution, evidence: e.evidence }]
        : [],
    ),
  ].sort((a, b) => a.row - b.row);
  status = 'completed';
  upsertSearchAttributes([
    { key: BpoStatus, value: needsReview.length > 0 ? 'completed-with-exceptions' : 'completed' },
  ]);
  return {
    batchId: input.batchId,
    source: input.source,
    rows: input.records.length + input.invalid.length,
    counts: { ...counts, invalid: input.invalid.length },
    invalid: input.invalid,
    outcomes,
    ...(exceptionTasks ? { exceptions } : {}),
    needsReview,
  };
}
