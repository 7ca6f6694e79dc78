/**
 * A task context may hold redacted text (placeholders such as [IBAN_1]) whose real values rest encrypted in the
 * PII vault. The workflow names the fields and the vault reference under this key; only the API restores them,
 * and only for a user who may see the task. Neither the task's history nor the task store holds the values.
 */
export const sealedContextKey = 'sealedPii';

export interface SealedContext {
  /** The vault reference of the placeholder → value mapping. */
  vaultRef: string;
  /** The context fields (top level, strings) that hold placeholders to restore. */
  fields: string[];
}
