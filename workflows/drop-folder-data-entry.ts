import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { defineQuery, executeChild, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { createDropFolderActivities } from '../activities/drop-folder';
import { dataEntryBatch, dataEntryBatchInput, dataEntryBatchWorkflowId, type DataEntryReport } from './data-entry';
import { BpoProcess, BpoStatus } from './search-attributes';

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
}

export interface DropFileOutcome {
  source: string;
  outcome: 'entered' | 'duplicate' | 'unreadable' | 'failed';
  batchWorkflowId?: string;
  counts?: DataEntryReport['counts'];
  error?: string;
}

export const dropFolderProgressQuery = defineQuery<{ files: number; done: number }>('dropFolderProgress');

/**
 * The nightly data-entry batch: every file waiting in the drop folder becomes a data-entry batch (the same
 * business key as `bpo data-entry`, so a file dropped twice is entered once), one file after the other.
 */
export async function dropFolderDataEntry(input: DropFolderDataEntryInput): Promise<DropFileOutcome[]> {
  upsertSearchAttributes([
    { key: BpoProcess, value: 'data-entry' },
    { key: BpoStatus, value: 'claiming' },
  ]);
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
        const report = await executeChild(dataEntryBatch, {
          workflowId: batchWorkflowId,
          // Same key as `bpo data-entry`: a file entered before, even long ago, is not entered again.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          args: [batchInput],
        });
        outcome = { source: file.source, outcome: 'entered', batchWorkflowId, counts: report.counts };
      } catch (err) {
        outcome =
          err instanceof WorkflowExecutionAlreadyStartedError
            ? { source: file.source, outcome: 'duplicate', batchWorkflowId }
            : { source: file.source, outcome: 'failed', batchWorkflowId, error: (err as Error).message };
      }
    }
    await dropFolder.finishDropFile({ folder: input.folder, path: file.path, outcome: outcome.outcome === 'entered' || outcome.outcome === 'duplicate' ? 'done' : 'failed', report: outcome });
    outcomes.push(outcome);
    progress.done += 1;
  }
  upsertSearchAttributes([{ key: BpoStatus, value: 'done' }]);
  return outcomes;
}
