import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { createDropFolderActivities, DropFileRef } from '../../activities/data-entry/drop-folder';
import { BpoStatus } from '../engine/search-attributes';
import { dataEntryBatchInput, dataEntryBatchWorkflowId, type ReadRecords } from './batch-input';
import { enterUntilPeopleRemain, type EnteredBatches } from './detached-batch';
import { dropFolderProgressQuery, type DropFileOutcome, type DropFolderDataEntryInput } from './drop-folder-data-entry';
import { emptyCounts, type DataEntryReport } from './outcomes';

const dropFolder = proxyActivities<ReturnType<typeof createDropFolderActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

export const DEFAULT_MAX_FILE_BYTES = 8 * 1_048_576;
/** About 100-150 KB of records or row errors per part: far below the 2 MB a payload may hold. */
export const DEFAULT_ROWS_PER_PART = 500;

type PartOutcome = Pick<DropFileOutcome, 'outcome' | 'batchWorkflowId' | 'counts' | 'waitingForPeople' | 'error'>;

/** Enters one part (or a whole small file) as one batch under its business key. */
async function enterPart(
  file: ReadRecords,
  batchId: string | undefined,
  input: DropFolderDataEntryInput,
  entered: EnteredBatches,
): Promise<PartOutcome> {
  const batchInput = dataEntryBatchInput(file, { ...input, batchId });
  const batchWorkflowId = dataEntryBatchWorkflowId(batchInput.batchId);
  try {
    return {
      outcome: 'entered',
      batchWorkflowId,
      ...(await enterUntilPeopleRemain(batchWorkflowId, batchInput, entered)),
    };
  } catch (err) {
    return err instanceof WorkflowExecutionAlreadyStartedError
      ? { outcome: 'duplicate', batchWorkflowId }
      : { outcome: 'failed', batchWorkflowId, error: (err as Error).message };
  }
}

function addCounts(into: DataEntryReport['counts'], more: DataEntryReport['counts'] | undefined) {
  if (!more) return;
  for (const key of Object.keys(into) as Array<keyof DataEntryReport['counts']>) into[key] += more[key];
}

/**
 * A file as a reference: read part by part inside the activity, each part entered as its own batch. A small
 * file is one batch under the same key as `bpo data-entry` (its content hash); a big file's parts are batches
 * `<hash>-part-<n>`, so dropping it again enters only the parts that did not finish.
 */
async function enterDropFile(
  ref: Extract<DropFileRef, { ok: true }>,
  input: DropFolderDataEntryInput,
  entered: EnteredBatches,
): Promise<DropFileOutcome> {
  const rowsPerPart = input.rowsPerPart ?? DEFAULT_ROWS_PER_PART;
  const first = await dropFolder.readDropFilePart({ path: ref.path, part: 1, rowsPerPart });
  if (!first.ok) return { source: ref.source, outcome: 'unreadable', error: first.error };
  if (first.parts === 1) return { source: ref.source, ...(await enterPart(first, undefined, input, entered)) };

  const counts = { ...emptyCounts(), invalid: 0 };
  const parts: PartOutcome[] = [];
  for (let n = 1; n <= first.parts; n += 1) {
    const part = n === 1 ? first : await dropFolder.readDropFilePart({ path: ref.path, part: n, rowsPerPart });
    if (!part.ok) return { source: ref.source, outcome: 'unreadable', error: part.error };
    const source = `${ref.source} (part ${n} of ${first.parts})`;
    const outcome = await enterPart({ ...part, source }, `${first.contentHash.slice(0, 16)}-part-${n}`, input, entered);
    addCounts(counts, outcome.counts);
    parts.push(outcome);
  }
  const failed = parts.find((p) => p.outcome === 'failed');
  const waiting = parts.reduce((sum, p) => sum + (p.waitingForPeople ?? 0), 0);
  return {
    source: ref.source,
    outcome: failed ? 'failed' : parts.every((p) => p.outcome === 'duplicate') ? 'duplicate' : 'entered',
    parts: parts.length,
    batchWorkflowIds: parts.flatMap((p) => (p.batchWorkflowId ? [p.batchWorkflowId] : [])),
    counts,
    ...(waiting ? { waitingForPeople: waiting } : {}),
    ...(failed ? { error: `part ${parts.indexOf(failed) + 1}: ${failed.error}` } : {}),
  };
}

/** Where a file goes when its run is done with it. */
const folderOf = (outcome: DropFileOutcome['outcome']) =>
  outcome === 'entered' || outcome === 'duplicate' ? 'done' : outcome === 'refused' ? 'rejected' : 'failed';

/**
 * The nightly run with files as references: claiming returns names and sizes only, a file over the size limit is
 * set aside in `rejected/` with its reason (never read, never retried), and the others are read in parts.
 */
export async function enterDropFilesByReference(
  input: DropFolderDataEntryInput,
  entered: EnteredBatches,
): Promise<DropFileOutcome[]> {
  const refs = await dropFolder.claimDropFileRefs({
    folder: input.folder,
    maxFileBytes: input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
  });
  const progress = { files: refs.length, done: 0 };
  setHandler(dropFolderProgressQuery, () => progress);
  upsertSearchAttributes([{ key: BpoStatus, value: 'entering' }]);

  const outcomes: DropFileOutcome[] = [];
  for (const ref of refs) {
    const outcome: DropFileOutcome = ref.ok
      ? await enterDropFile(ref, input, entered)
      : { source: ref.source, outcome: 'refused', error: ref.error };
    await dropFolder.finishDropFile({
      folder: input.folder,
      path: ref.path,
      outcome: folderOf(outcome.outcome),
      report: outcome,
    });
    outcomes.push(outcome);
    progress.done += 1;
  }
  upsertSearchAttributes([{ key: BpoStatus, value: 'done' }]);
  return outcomes;
}
