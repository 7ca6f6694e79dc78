import { WorkflowIdReusePolicy } from '@temporalio/common';
import { condition, ParentClosePolicy, startChild } from '@temporalio/workflow';
import { dataEntryBatch, type BatchEntered } from './data-entry-batch';
import type { DataEntryBatchInput, DataEntryReport } from './outcomes';

/** Batches whose bots are done while people still work their exception tasks, by workflow id. */
export type EnteredBatches = Map<string, BatchEntered>;

/**
 * Starts a file's batch on its own (it outlives this run) and waits only for its bots: exception tasks may take
 * people days, and the next night's run must not be skipped for them.
 */
export async function enterUntilPeopleRemain(
  workflowId: string,
  input: DataEntryBatchInput,
  entered: EnteredBatches,
): Promise<{ counts: DataEntryReport['counts']; waitingForPeople?: number }> {
  const batch = await startChild(dataEntryBatch, {
    workflowId,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [input],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
  let report: DataEntryReport | undefined;
  let failure: unknown;
  batch.result().then(
    (r) => (report = r),
    (err: unknown) => (failure = err),
  );
  await condition(() => report !== undefined || failure !== undefined || entered.has(workflowId));
  if (report) return { counts: report.counts };
  const signalled = entered.get(workflowId);
  if (signalled) return { counts: signalled.counts, waitingForPeople: signalled.waitingForPeople };
  throw failure;
}
