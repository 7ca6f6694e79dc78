export { PiiVault, type PiiVaultDeps } from './pii-vault';
export { Redactor, redactText, restorePlaceholders, placeholderPattern, type RedactionResult } from './redactor';
export type { PiiKind } from './detectors';
