import { defineQuery, executeChild, ParentClosePolicy, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { BpoBusinessKey, BpoProcess, BpoStatus } from '../search-attributes';
import { dataEntryChunk } from './data-entry-chunk';
import { count, emptyCounts, type DataEntryBatchInput, type DataEntryCounts, type DataEntryReport, type RecordOutcome, type ReviewItem } from './outcomes';

export interface ChunkState {
  chunk: number;
  workflowId: string;
  size: number;
  status: 'pending' | 'running' | 'done';
}

export interface BatchProgress extends DataEntryCounts {
  batchId: string;
  status: 'running' | 'completed';
  /** Records sent to bots (valid rows). */
  total: number;
  invalid: number;
  /** Records finished in completed chunks; running chunks report their own progress. */
  done: number;
  chunks: ChunkState[];
}

export const dataEntryProgressQuery = defineQuery<BatchProgress>('dataEntryProgress');

export function chunkWorkflowId(batchWorkflowId: string, chunk: number): string {
  return `${batchWorkflowId}:chunk-${chunk}`;
}

/**
 * A data-entry batch: valid records are split into chunks, each entered by its own child workflow (so no
 * history grows without bound), at most `chunkConcurrency` at once. The result is the full report.
 */
export async function dataEntryBatch(input: DataEntryBatchInput): Promise<DataEntryReport> {
  const { workflowId } = workflowInfo();
  const size = Math.max(1, input.chunkSize);
  const chunks: ChunkState[] = [];
  for (let start = 0, n = 1; start < input.records.length; start += size, n += 1) {
    chunks.push({ chunk: n, workflowId: chunkWorkflowId(workflowId, n), size: Math.min(size, input.records.length - start), status: 'pending' });
  }
  const counts = emptyCounts();
  let done = 0;
  let status: BatchProgress['status'] = 'running';
  setHandler(dataEntryProgressQuery, () => ({
    batchId: input.batchId,
    status,
    total: input.records.length,
    invalid: input.invalid.length,
    done,
    ...counts,
    chunks: chunks.map((c) => ({ ...c })),
  }));
  upsertSearchAttributes([
    { key: BpoProcess, value: 'data-entry' },
    { key: BpoBusinessKey, value: input.batchId },
    { key: BpoStatus, value: status },
  ]);

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
        args: [{ batchId: input.batchId, chunk: state.chunk, records, parallelism: input.parallelism, botsTaskQueue: input.botsTaskQueue, heartbeatTimeoutSeconds: input.heartbeatTimeoutSeconds }],
        parentClosePolicy: ParentClosePolicy.TERMINATE,
      });
      results[index] = outcomes;
      for (const outcome of outcomes) count(counts, outcome);
      done += outcomes.length;
      state.status = 'done';
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(input.chunkConcurrency, chunks.length)) }, lane));

  const outcomes = results.flat();
  const needsReview: ReviewItem[] = outcomes.flatMap((o) =>
    o.outcome === 'rejected' || o.outcome === 'failed' ? [{ row: o.row, vatId: o.vatId, reason: o.reason, evidence: o.evidence }] : [],
  );
  status = 'completed';
  upsertSearchAttributes([{ key: BpoStatus, value: needsReview.length > 0 ? 'completed-with-exceptions' : 'completed' }]);
  return {
    batchId: input.batchId,
    source: input.source,
    rows: input.records.length + input.invalid.length,
    counts: { ...counts, invalid: input.invalid.length },
    invalid: input.invalid,
    outcomes,
    needsReview,
  };
}
