import { createHash } from 'node:crypto';
import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import { SCHEDULE_ID_PREFIX, type ScheduleDefinition } from '../schedules';

export type ApplyOutcome = { scheduleId: string; change: 'created' | 'updated' | 'unchanged' | 'deleted' };

const HASH_MEMO = 'bpoDefinitionHash';

/** A stable fingerprint of a definition: keys sorted, so the same code always gives the same hash. */
export function definitionHash(definition: ScheduleDefinition): string {
  const canonical = JSON.stringify(definition, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/**
 * Makes the cluster's schedules match the definitions: creates what is missing, updates what changed, leaves
 * the rest alone (the definition's hash rides in the action's memo), and with `prune` deletes the schedules in
 * scope (default: every `bpo-` schedule) that are no longer defined. Pause state is the operator's and is never touched by apply.
 */
export async function applySchedules(
  client: Client,
  definitions: ScheduleDefinition[],
  options: { prune?: boolean; scope?: string } = {},
): Promise<ApplyOutcome[]> {
  const outcomes: ApplyOutcome[] = [];
  for (const { description, ...definition } of definitions) {
    const hash = definitionHash({ description, ...definition });
    const action = { ...definition.action, memo: { ...(definition.action.memo ?? {}), [HASH_MEMO]: hash } };
    const handle = client.schedule.getHandle(definition.scheduleId);
    let current: Awaited<ReturnType<typeof handle.describe>> | undefined;
    try {
      current = await handle.describe();
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
    if (!current) {
      await client.schedule.create({ ...definition, action, state: { note: description, ...definition.state } });
      outcomes.push({ scheduleId: definition.scheduleId, change: 'created' });
    } else if (current.action.type === 'startWorkflow' && current.action.memo?.[HASH_MEMO] === hash) {
      outcomes.push({ scheduleId: definition.scheduleId, change: 'unchanged' });
    } else {
      await handle.update((previous) => ({
        ...previous,
        spec: definition.spec,
        action,
        policies: { ...previous.policies, ...definition.policies },
      }));
      outcomes.push({ scheduleId: definition.scheduleId, change: 'updated' });
    }
  }
  if (options.prune) {
    const wanted = new Set(definitions.map((d) => d.scheduleId));
    const scope = options.scope ?? SCHEDULE_ID_PREFIX;
    for await (const summary of client.schedule.list()) {
      if (summary.scheduleId.startsWith(scope) && !wanted.has(summary.scheduleId)) {
        await client.schedule.getHandle(summary.scheduleId).delete();
        outcomes.push({ scheduleId: summary.scheduleId, change: 'deleted' });
      }
    }
  }
  return outcomes;
}
