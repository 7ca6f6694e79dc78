import type { Client } from '@temporalio/client';
import { ConfigError, loadConfig, temporalAddress, type Config } from '../../platform/config';
import { connectClient } from '../../platform/temporal-connection';

/** Exit codes shared by every command, so scripts can tell outcomes apart. */
export const ExitCode = { ok: 0, failed: 1, invalidInput: 2, duplicate: 3 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    public readonly exitCode: number = ExitCode.failed,
  ) {
    super(message);
  }
}

export function cliConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, ExitCode.invalidInput);
    throw err;
  }
}

/** Connects to the cluster or the local dev server, with a hint when nothing answers. */
export async function cliClient(config: Config): Promise<Client> {
  const address = temporalAddress(config);
  try {
    const client = await connectClient({ ...config, address });
    await client.connection.workflowService.getSystemInfo({});
    return client;
  } catch (err) {
    throw new CliError(
      `Cannot reach Temporal at ${address} (${(err as Error).message.split('\n')[0]}). Start the engine with \`npm start\`, or set TEMPORAL_ADDRESS.`,
    );
  }
}
