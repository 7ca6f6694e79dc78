import type { EvidenceRef } from '../../activities/artifacts/artifact-store';
import type { PortalFieldError } from '../../activities/portal/portal-errors';
import type { FieldError } from '../../schemas/validation';
import type { NumberedVendorRecord } from '../../schemas/vendor-record';

/** What happened to one record of a data-entry batch. */
export type RecordOutcome =
  | { row: number; vatId: string; outcome: 'entered' | 'already-present'; vendorId: string; differences: string[] }
  | { row: number; vatId: string; outcome: 'rejected'; reason: string; fieldErrors: PortalFieldError[]; evidence?: EvidenceRef }
  | { row: number; vatId: string; outcome: 'failed'; reason: string; evidence?: EvidenceRef };

/** A row of the file that failed validation and was never sent to a bot. */
export interface InvalidRow {
  row: number;
  errors: FieldError[];
}

export interface DataEntryCounts {
  entered: number;
  alreadyPresent: number;
  rejected: number;
  failed: number;
}

export interface DataEntryChunkInput {
  batchId: string;
  chunk: number;
  records: NumberedVendorRecord[];
  /** Records in flight at once in this chunk. */
  parallelism: number;
  botsTaskQueue: string;
  /** How long a bot may go without a sign of life before its attempt is given up and retried. Default 30 s. */
  heartbeatTimeoutSeconds?: number;
}

export interface DataEntryBatchInput {
  batchId: string;
  /** Name of the source file, for the report. */
  source: string;
  records: NumberedVendorRecord[];
  invalid: InvalidRow[];
  parallelism: number;
  /** Records per child workflow: keeps every history short however large the file. */
  chunkSize: number;
  /** Child workflows running at once. */
  chunkConcurrency: number;
  botsTaskQueue: string;
  heartbeatTimeoutSeconds?: number;
}

/** Rows a person must look at: the portal refused them, or the bots gave up. */
export interface ReviewItem {
  row: number;
  vatId: string;
  reason: string;
  evidence?: EvidenceRef;
}

export interface DataEntryReport {
  batchId: string;
  source: string;
  rows: number;
  counts: DataEntryCounts & { invalid: number };
  invalid: InvalidRow[];
  outcomes: RecordOutcome[];
  needsReview: ReviewItem[];
}

export function emptyCounts(): DataEntryCounts {
  return { entered: 0, alreadyPresent: 0, rejected: 0, failed: 0 };
}

export function count(counts: DataEntryCounts, outcome: RecordOutcome): void {
  if (outcome.outcome === 'entered') counts.entered += 1;
  else if (outcome.outcome === 'already-present') counts.alreadyPresent += 1;
  else if (outcome.outcome === 'rejected') counts.rejected += 1;
  else counts.failed += 1;
}
