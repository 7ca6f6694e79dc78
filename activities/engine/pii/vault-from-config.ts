import { join } from 'node:path';
import type { Config } from '../../../platform/config';
import { PiiVault } from './pii-vault';

/** The one vault of a deployment: workers, the API and the CLI open it alike, so a reference made by one opens in all. */
export function piiVaultFromConfig(config: Pick<Config, 'DATA_DIR' | 'PII_VAULT_KEY'>): PiiVault {
  return new PiiVault({ dir: join(config.DATA_DIR, 'pii-vault'), key: config.PII_VAULT_KEY });
}
