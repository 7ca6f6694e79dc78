import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  defineQuery,
  executeChild,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { createDropFolderActivities } from '../../activities/data-entry/drop-folder';
import {
  dataEntryBatch,
  dataEntryBatchEnteredSignal,
  dataEntryBatchInput,
  dataEntryBatchWorkflowId,
  type DataEntryReport,
  type ExceptionTaskSettings,
} from '.';
import { enterUntilPeopleRemain, type EnteredBatches } from './detached-batch';
import { enterDropFilesByReference } from './drop-files-by-reference';
import { BpoProcess, BpoStatus } from '../engine/search-attributes';

const dropFolder = proxyActivities<ReturnType<typeof createDropFolderActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

export interface DropFolderDataEntryInput {
  folder: string;
  botsTaskQueue: string;
  parallelism?: number;
  chunkSize?: number;
  chunkConcurrency?: number;
  /** Who works exception tasks for rows the portal rejects. */
  exceptionTasks?: ExceptionTaskSettings;
  /** A bigger file is refused (moved to `rejected/` with its reason) instead of read. Default 8 MiB. */
  maxFileBytes?: number;
  /** Rows per batch of a big file: each part is a batch of its own, so no payload nears Temporal's limits. */
  rowsPerPart?: number;
}

export interface DropFileOutcome {
  source: string;
  /** `refused`: over the size limit, set aside unread. */
  outcome: 'entered' | 'duplicate' | 'unreadable' | 'failed' | 'refused';
  batchWorkflowId?: string;
  /** A big file is entered as several batches, one per part of `rowsPerPart` rows. */
  parts?: number;
  batchWorkflowIds?: string[];
  counts?: DataEntryReport['counts'];
  /** Rejected rows whose exception tasks were still open in the inbox when the file was done. */
  waitingForPeople?: number;
  error?: string;
}

export const dropFileRefsPatch = 'data-entry-drop-folder-file-refs';

export const dropFolderProgressQuery = defineQuery<{ files: number; done: number }>('dropFolderProgress');

/**
 * The nightly data-entry batch: every file waiting in the drop folder becomes a data-entry batch (the same
 * business key as `bpo data-entry`, so a file dropped twice is entered once), one file after the other. A file
 * is done when its bots are; its exception tasks go on in the inbox under the batch.
 */
export async function dropFolderDataEntry(input: DropFolderDataEntryInput): Promise<DropFileOutcome[]> {
  const detachedBatches = patched('data-entry-drop-folder-detached-batches');
  const entered: EnteredBatches = new Map();
  setHandler(dataEntryBatchEnteredSignal, (batch) => void entered.set(batch.batchWorkflowId, batch));
  upsertSearchAttributes([
    { key: BpoProcess, value: 'data-entry' },
    { key: BpoStatus, value: 'claiming' },
  ]);
  // Files travel as references and are read in parts: older runs claimed whole files as records.
  if (patched(dropFileRefsPatch)) return enterDropFilesByReference(input, entered);
  const files = await dropFolder.claimDropFiles({ folder: input.folder });
  const progress = { files: files.length, done: 0 };
  setHandler(dropFolderProgressQuery, () => progress);
  upsertSearchAttributes([{ key: BpoStatus, value: 'entering' }]);

  const outcomes: DropFileOutcome[] = [];
  for (const file of files) {
    let outcome: DropFileOutcome;
    if (!file.ok) {
      outcome = { source: file.source, outcome: 'unreadable', error: file.error };
    } else {
      const batchInput = dataEntryBatchInput(file, input);
      const batchWorkflowId = dataEntryBatchWorkflowId(batchInput.batchId);
      try {
        if (detachedBatches) {
          // Same key as `bpo data-entry`: a file entered before, even long ago, is not entered again.
          outcome = {
            source: file.source,
            outcome: 'entered',
            batchWorkflowId,
            ...(await enterUntilPeopleRemain(batchWorkflowId, batchInput, entered)),
          };
        } else {
          const report = await executeChild(dataEntryBatch, {
            workflowId: batchWorkflowId,
            // Same key as `bpo data-entry`: a file entered before, even long ago, is not entered again.
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
            args: [batchInput],
          });
          outcome = { source: file.source, outcome: 'entered', batchWorkflowId, counts: report.counts };
        }
      } catch (err) {
        outcome =
          err instanceof WorkflowExecutionAlreadyStartedError
            ? { source: file.source, outcome: 'duplicate', batchWorkflowId }
            : { source: file.source, outcome: 'failed', batchWorkflowId, error: (err as Error).message };
      }
    }
    await dropFolder.finishDropFile({
      folder: input.folder,
      path: file.path,
      outcome: outcome.outcome === 'entered' || outcome.outcome === 'duplicate' ? 'done' : 'failed',
      report: outcome,
    });
    outcomes.push(outcome);
    progress.done += 1;
  }
  upsertSearchAttributes([{ key: BpoStatus, value: 'done' }]);
  return outcomes;
}
