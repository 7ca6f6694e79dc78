import { isVaultRef, maskIbans, restorePlaceholders, type PiiVault } from '../../../activities/engine/pii';
import { canSeeTask, isOwnOrOffered } from '../../../platform/task-store/visibility';
import type { Actor, TaskState } from '../../../schemas/engine/human-task';
import { sealedContextKey, type SealedContext } from '../../../schemas/engine/sealed-context';

function sealedOf(context: Record<string, unknown>): SealedContext | undefined {
  const sealed = context[sealedContextKey] as Partial<SealedContext> | undefined;
  if (!sealed || !isVaultRef(sealed.vaultRef) || !Array.isArray(sealed.fields)) return undefined;
  return { vaultRef: sealed.vaultRef, fields: sealed.fields.filter((f): f is string => typeof f === 'string') };
}

/** Every string in a JSON value passed through `fn`. */
function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value;
}

/**
 * A task's context as one user may read it. Text the workflow left redacted, with its values in the vault, is
 * restored here only, and only for a user who may see the task; IBANs appear in clear only to whoever decides the
 * task (its assignee and candidates); supervisors and others who merely see it get them masked.
 */
export async function contextFor(task: TaskState, user: Actor, vault: PiiVault): Promise<Record<string, unknown>> {
  const { [sealedContextKey]: _sealed, ...context } = task.context;
  const sealed = sealedOf(task.context);
  if (sealed && canSeeTask(task, user)) {
    // Without its mapping (a vault this replica cannot read) the text stays redacted: safe, and still useful.
    const mapping = await vault.load(sealed.vaultRef).catch(() => ({}) as Record<string, string>);
    for (const field of sealed.fields) {
      const text = context[field];
      if (typeof text === 'string') context[field] = restorePlaceholders(text, mapping);
    }
  }
  return isOwnOrOffered(task, user) ? context : (mapStrings(context, maskIbans) as Record<string, unknown>);
}
