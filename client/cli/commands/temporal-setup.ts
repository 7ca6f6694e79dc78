import type { Command } from 'commander';
import { temporalAddress } from '../../../platform/config';
import { ensureNamespace } from '../../../platform/dev-server';
import { searchAttributeKinds } from '../../../workflows/engine/search-attributes';
import { CliError, cliConfig } from '../context';

/** `bpo temporal setup`: registers the namespace and search attributes on a cluster; safe to run again. */
export function registerTemporalSetup(program: Command): void {
  program
    .command('temporal')
    .description('Temporal cluster administration')
    .command('setup')
    .description('create the namespace and the custom search attributes if missing (idempotent)')
    .action(async () => {
      const config = cliConfig();
      const address = temporalAddress(config);
      try {
        await ensureNamespace(address, config.TEMPORAL_NAMESPACE, searchAttributeKinds);
      } catch (err) {
        throw new CliError(
          `setup of namespace ${config.TEMPORAL_NAMESPACE} on ${address} failed: ${(err as Error).message}`,
        );
      }
      console.log(
        `namespace ${config.TEMPORAL_NAMESPACE} on ${address} is ready with ${Object.keys(searchAttributeKinds).length} search attributes`,
      );
    });
}
