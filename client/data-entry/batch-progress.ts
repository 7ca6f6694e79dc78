import type { Client } from '@temporalio/client';
import {
  dataEntryChunkProgressQuery,
  dataEntryExceptionsProgressQuery,
  dataEntryProgressQuery,
  type BatchProgress,
  type WaitingTask,
} from '../../workflows/data-entry';

export interface BatchProgressView extends BatchProgress {
  /** Exception tasks open in the inbox now, asked from each exception group that is still waiting. */
  waitingTasks: WaitingTask[];
}

/**
 * Progress of a batch down to the record: the batch counts finished chunks, and each running chunk is asked
 * for its own count (a chunk that just finished may be missed for a moment; the next poll has it). Exception
 * groups are asked the same way for the tasks they wait on, so the batch's own history stays small.
 */
export async function batchProgress(client: Client, workflowId: string): Promise<BatchProgressView> {
  const progress = await client.workflow.getHandle(workflowId).query(dataEntryProgressQuery);
  const running = progress.chunks.filter((c) => c.status === 'running');
  const waiting = (progress.exceptionGroups ?? []).filter((g) => g.status === 'waiting');
  const [live, groups] = await Promise.all([
    Promise.all(
      running.map((c) =>
        client.workflow
          .getHandle(c.workflowId)
          .query(dataEntryChunkProgressQuery)
          .catch(() => undefined),
      ),
    ),
    Promise.all(
      waiting.map((g) =>
        client.workflow
          .getHandle(g.workflowId)
          .query(dataEntryExceptionsProgressQuery)
          .catch(() => undefined),
      ),
    ),
  ]);
  for (const chunk of live) {
    if (!chunk) continue;
    progress.done += chunk.done;
    progress.entered += chunk.entered;
    progress.alreadyPresent += chunk.alreadyPresent;
    progress.rejected += chunk.rejected;
    progress.failed += chunk.failed;
  }
  const waitingTasks = groups.flatMap((g) => g?.waiting ?? []).sort((a, b) => a.row - b.row);
  return { ...progress, waitingTasks };
}
