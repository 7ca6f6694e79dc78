import { defineQuery, setHandler } from '@temporalio/workflow';
import type { NumberedVendorRecord } from '../../schemas/data-entry/vendor-record';
import { count, emptyCounts, type DataEntryChunkInput, type DataEntryCounts, type RecordOutcome } from './outcomes';
import { botsFor, outcomeOfFailure } from './vendor-bots';

export interface ChunkProgress extends DataEntryCounts {
  chunk: number;
  total: number;
  done: number;
}

export const dataEntryChunkProgressQuery = defineQuery<ChunkProgress>('dataEntryChunkProgress');

/** Enters one chunk of a batch with bounded parallelism; one child per chunk keeps each history small. */
export async function dataEntryChunk(input: DataEntryChunkInput): Promise<RecordOutcome[]> {
  const bots = botsFor(input.botsTaskQueue, input.heartbeatTimeoutSeconds);
  const outcomes: RecordOutcome[] = new Array(input.records.length);
  const counts = emptyCounts();
  let done = 0;
  setHandler(dataEntryChunkProgressQuery, () => ({ chunk: input.chunk, total: input.records.length, done, ...counts }));

  let next = 0;
  // Each lane takes the next record when its previous one is done: at most `parallelism` bots at work.
  const lane = async () => {
    while (next < input.records.length) {
      const index = next++;
      const item = input.records[index] as NumberedVendorRecord;
      let outcome: RecordOutcome;
      try {
        const result = await bots.enterVendor({ batchId: input.batchId, row: item.row, record: item.record });
        outcome = {
          row: result.row,
          vatId: result.vatId,
          outcome: result.outcome,
          vendorId: result.vendorId,
          differences: result.differences,
        };
      } catch (err) {
        outcome = outcomeOfFailure(item, err);
      }
      outcomes[index] = outcome;
      count(counts, outcome);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(input.parallelism, input.records.length)) }, lane));
  return outcomes;
}
