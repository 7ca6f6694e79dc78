import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { upsertSearchAttributes } from '@temporalio/workflow';

/**
 * Search-attribute updates made during one workflow activation, sent as one upsert at its end.
 *
 * Visibility can only observe a workflow between activations, so a status set and replaced in the same
 * activation (posted → payment-scheduled → paying) was never seen by anyone: sending each one costs a history
 * event and a visibility write for nothing. The flush is a microtask, and the SDK drains microtasks before it
 * completes an activation, so the single upsert still lands in the same workflow task as the changes.
 */
export function coalescedSearchAttributes(): (pairs: SearchAttributeUpdatePair[]) => void {
  const pending = new Map<string, SearchAttributeUpdatePair>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const pairs = [...pending.values()];
    pending.clear();
    if (pairs.length > 0) upsertSearchAttributes(pairs);
  };
  return (pairs) => {
    for (const pair of pairs) pending.set(pair.key.name, pair);
    if (scheduled) return;
    scheduled = true;
    void Promise.resolve().then(flush);
  };
}
