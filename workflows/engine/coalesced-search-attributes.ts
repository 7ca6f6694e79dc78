import type { SearchAttributePair, SearchAttributeUpdatePair } from '@temporalio/common';
import { upsertSearchAttributes } from '@temporalio/workflow';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Search-attribute updates made during one workflow activation, sent as one upsert at its end, and only for
 * values that differ from what visibility already holds (`current`: e.g. the attributes the run started with).
 *
 * Visibility can only observe a workflow between activations, so a value set and replaced in the same
 * activation was never seen by anyone: sending each one costs a history event and a visibility write for
 * nothing. The flush is a microtask, and the SDK drains microtasks before it completes an activation, so the
 * single upsert lands in the same workflow task as the changes.
 */
export function coalescedSearchAttributes(
  current: SearchAttributePair[] = [],
): (pairs: SearchAttributeUpdatePair[]) => void {
  const published = new Map<string, unknown>(current.map((p) => [p.key.name, p.value]));
  const pending = new Map<string, SearchAttributeUpdatePair>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const changed = [...pending.values()].filter((p) => !same(published.get(p.key.name), p.value));
    pending.clear();
    for (const p of changed) published.set(p.key.name, p.value);
    if (changed.length > 0) upsertSearchAttributes(changed);
  };
  return (pairs) => {
    for (const pair of pairs) pending.set(pair.key.name, pair);
    if (scheduled) return;
    scheduled = true;
    void Promise.resolve().then(flush);
  };
}
