export { PiiVault, isVaultRef, type PiiVaultDeps } from './pii-vault';
export { piiVaultFromConfig } from './vault-from-config';
export { Redactor, redactText, restorePlaceholders, placeholderPattern, type RedactionResult } from './redactor';
export { normaliseText } from './normalise-text';
export { maskIbans } from './mask-iban';
export type { PiiKind } from './detectors';
