import { ActivityFailure, ApplicationFailure, defineQuery, proxyActivities, setHandler } from '@temporalio/workflow';
import type { EvidenceRef } from '../../activities/artifacts/artifact-store';
import type { PortalActivities, PortalRejectionDetails } from '../../activities/portal';
import type { NumberedVendorRecord } from '../../schemas/vendor-record';
import { count, emptyCounts, type DataEntryChunkInput, type DataEntryCounts, type RecordOutcome } from './outcomes';

export interface ChunkProgress extends DataEntryCounts {
  chunk: number;
  total: number;
  done: number;
}

export const dataEntryChunkProgressQuery = defineQuery<ChunkProgress>('dataEntryChunkProgress');

function botsFor(taskQueue: string, heartbeatTimeoutSeconds = 30) {
  return proxyActivities<PortalActivities>({
    taskQueue,
    startToCloseTimeout: '3 minutes',
    // A hung page stops heartbeating: the attempt is abandoned and retried well before the 3 minutes.
    heartbeatTimeout: heartbeatTimeoutSeconds * 1000,
    retry: {
      initialInterval: '2 seconds',
      backoffCoefficient: 2,
      maximumInterval: '1 minute',
      maximumAttempts: 10,
      nonRetryableErrorTypes: ['PortalRejected', 'PortalVerificationFailed', 'PortalLoginRejected', 'InvalidRecord'],
    },
  });
}

/** Turns a bot's failure into the record's outcome: rejected by the portal (business) or failed (gave up). */
function outcomeOfFailure(item: NumberedVendorRecord, err: unknown): RecordOutcome {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  const base = { row: item.row, vatId: item.record.vatId };
  if (cause instanceof ApplicationFailure) {
    const details = (cause.details?.[0] ?? {}) as Partial<PortalRejectionDetails> & { evidence?: EvidenceRef };
    if (cause.type === 'PortalRejected') {
      const reason = details.fieldErrors?.map((e) => `${e.field}: ${e.message}`).join('; ') || cause.message;
      return { ...base, outcome: 'rejected', reason, fieldErrors: details.fieldErrors ?? [], evidence: details.evidence };
    }
    return { ...base, outcome: 'failed', reason: `${cause.type ?? 'Error'}: ${cause.message}`, evidence: details.evidence };
  }
  return { ...base, outcome: 'failed', reason: err instanceof Error ? err.message : String(err) };
}

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
        outcome = { row: result.row, vatId: result.vatId, outcome: result.outcome, vendorId: result.vendorId, differences: result.differences };
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
