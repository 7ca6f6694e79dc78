import {
  defineQuery,
  defineSignal,
  getExternalWorkflowHandle,
  log,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { BpoBusinessKey, BpoProcess, BpoStatus } from '../engine/search-attributes';
import { startLanes, waitingForPeople, type BatchRun } from './batch-lanes';
import {
  emptyCounts,
  type DataEntryBatchInput,
  type DataEntryCounts,
  type DataEntryReport,
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

/**
 * A data-entry batch: valid records are split into chunks, each entered by its own child workflow (so no
 * history grows without bound), at most `chunkConcurrency` at once. Rows the portal rejects become exception
 * tasks for people, one child per chunk that had any, started as soon as that chunk is done so the remaining
 * chunks go on meanwhile. The result is the full report, including how every exception ended.
 */
export async function dataEntryBatch(input: DataEntryBatchInput): Promise<DataEntryReport> {
  const batch = openBatch(input);
  await Promise.all(startLanes(batch));
  await waitForPeople(batch);
  return report(batch);
}

/** Opens the batch: its chunks, the progress query and its search attributes. */
function openBatch(input: DataEntryBatchInput): BatchRun {
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
  const batch: BatchRun = {
    input,
    workflowId,
    size,
    exceptionTasks,
    chunks,
    counts: emptyCounts(),
    done: 0,
    status: 'running',
    groups: [],
    results: new Array(chunks.length),
    next: 0,
    exceptions: [],
    followUps: [],
  };
  setHandler(dataEntryProgressQuery, () => ({
    batchId: input.batchId,
    status: batch.status,
    total: input.records.length,
    invalid: input.invalid.length,
    done: batch.done,
    ...batch.counts,
    chunks: chunks.map((c) => ({ ...c })),
    ...(exceptionTasks
      ? { waitingForPeople: waitingForPeople(batch), exceptionGroups: batch.groups.map((g) => ({ ...g })) }
      : {}),
  }));
  upsertSearchAttributes([
    { key: BpoProcess, value: 'data-entry' },
    { key: BpoBusinessKey, value: input.batchId },
    { key: BpoStatus, value: batch.status },
  ]);
  return batch;
}

/**
 * The bots are done. If exception tasks are still open, the batch says so and tells the workflow that started
 * it, which need not wait for people; then it waits for every exception follow-up to end.
 */
async function waitForPeople(batch: BatchRun): Promise<void> {
  const { input } = batch;
  if (batch.groups.some((g) => g.status === 'waiting')) {
    batch.status = 'waiting-for-people';
    upsertSearchAttributes([{ key: BpoStatus, value: batch.status }]);
    const parent = workflowInfo().parent;
    if (parent) {
      await getExternalWorkflowHandle(parent.workflowId, parent.runId)
        .signal(dataEntryBatchEnteredSignal, {
          batchWorkflowId: batch.workflowId,
          counts: { ...batch.counts, invalid: input.invalid.length },
          waitingForPeople: waitingForPeople(batch),
        })
        .catch((err: unknown) => log.warn('the parent was not told that the bots are done', { error: String(err) }));
    }
  }
  await Promise.all(batch.followUps);
}

/**
 * The full report, every outcome and exception in row order; the last search attribute says whether people
 * must still look at some rows.
 */
function report(batch: BatchRun): DataEntryReport {
  const { input, exceptionTasks, exceptions } = batch;
  const outcomes = batch.results.flat();
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
  batch.status = 'completed';
  upsertSearchAttributes([
    { key: BpoStatus, value: needsReview.length > 0 ? 'completed-with-exceptions' : 'completed' },
  ]);
  return {
    batchId: input.batchId,
    source: input.source,
    rows: input.records.length + input.invalid.length,
    counts: { ...batch.counts, invalid: input.invalid.length },
    invalid: input.invalid,
    outcomes,
    ...(exceptionTasks ? { exceptions } : {}),
    needsReview,
  };
}
