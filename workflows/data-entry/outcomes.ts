import type { EvidenceRef } from '../../activities/engine/artifacts';
import type { PortalFieldError } from '../../activities/systems/portal/portal-errors';
import type { FieldError } from '../../schemas/engine/validation';
import type { NumberedVendorRecord } from '../../schemas/data-entry/vendor-record';

/** What happened to one record of a data-entry batch. */
export type RecordOutcome =
  | { row: number; vatId: string; outcome: 'entered' | 'already-present'; vendorId: string; differences: string[] }
  | {
      row: number;
      vatId: string;
      outcome: 'rejected';
      reason: string;
      fieldErrors: PortalFieldError[];
      evidence?: EvidenceRef;
    }
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
  /** Who works the exception tasks for rows the portal rejects, and how long they have. */
  exceptionTasks?: ExceptionTaskSettings;
}

/** The exception tasks of a batch: a role of the inbox and durations such as '2 days'. */
export interface ExceptionTaskSettings {
  role: string;
  /** Until due; then the task is escalated to managers. */
  dueIn: string;
  /** How long after the due date the task expires, so a row never waits forever; it is then listed for review. */
  expireAfter: string;
}

/** One exception task a rejected row went through. */
export interface ExceptionTaskRef {
  taskId: string;
  attempt: number;
  /** What the portal refused, as the task showed it. */
  rejection: string;
  decision: 'retry' | 'dismiss' | 'expired' | 'ended';
  by?: string;
}

/** How a row the portal rejected ended after its exception task(s). */
export interface ExceptionOutcome {
  row: number;
  /** The VAT id as last entered (a correction may change it). */
  vatId: string;
  resolution: 'entered' | 'already-present' | 'dismissed' | 'expired' | 'failed';
  vendorId?: string;
  /** Who made the last decision: corrected (and so entered) or dismissed. */
  by?: string;
  comment?: string;
  /** Why the row still needs a person (expired, or the bots gave up on the corrected record). */
  reason?: string;
  evidence?: EvidenceRef;
  /** Oldest first: a correction the portal refuses again opens the next task. */
  tasks: ExceptionTaskRef[];
}

/** An exception task open in the inbox right now. */
export interface WaitingTask {
  row: number;
  vatId: string;
  taskId: string;
  attempt: number;
  role: string;
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
  /** What the bots did with each valid row on the first pass. */
  outcomes: RecordOutcome[];
  /** How each row the portal rejected ended (absent in batches started before exception tasks existed). */
  exceptions?: ExceptionOutcome[];
  /** Rows that still need a person: the bots gave up, or an exception task ended without a decision. */
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
