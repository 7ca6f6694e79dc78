import type { Client } from '@temporalio/client';
import { dataEntryChunkProgressQuery, dataEntryProgressQuery, type BatchProgress } from '../../workflows/data-entry';

/**
 * Progress of a batch down to the record: the batch counts finished chunks, and each running chunk is asked
 * for its own count (a chunk that just finished may be missed for a moment; the next poll has it).
 */
export async function batchProgress(client: Client, workflowId: string): Promise<BatchProgress> {
  const progress = await client.workflow.getHandle(workflowId).query(dataEntryProgressQuery);
  const running = progress.chunks.filter((c) => c.status === 'running');
  const live = await Promise.all(
    running.map((c) => client.workflow.getHandle(c.workflowId).query(dataEntryChunkProgressQuery).catch(() => undefined)),
  );
  for (const chunk of live) {
    if (!chunk) continue;
    progress.done += chunk.done;
    progress.entered += chunk.entered;
    progress.alreadyPresent += chunk.alreadyPresent;
    progress.rejected += chunk.rejected;
    progress.failed += chunk.failed;
  }
  return progress;
}
