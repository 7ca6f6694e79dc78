import { loadPortalConfig, type PortalConfig } from './config';
import { createPortalLogger, type Logger } from './logger';
import { startPortal, type RunningPortal } from './server';

/** The environment has problems; the message lists every bad PORTAL_* variable at once. */
export class PortalConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The portal cannot start, the environment has problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PortalConfigError';
  }
}

export interface PortalFromEnv {
  portal: RunningPortal;
  config: PortalConfig;
  log: Logger;
}

/**
 * The portal as the PORTAL_* variables describe it. `main.ts` runs it so, and `npm start` loads this module at run
 * time to run the portal in its own process when PORTAL_URL is unset.
 */
export async function startPortalFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<PortalFromEnv> {
  const loaded = loadPortalConfig(env);
  if (!loaded.ok) throw new PortalConfigError(loaded.problems);
  const { config } = loaded;
  const log = createPortalLogger(config.logLevel);
  const portal = await startPortal({
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    adminToken: config.adminToken,
    seed: config.seed,
    chaos: config.chaos,
    logger: log,
  });
  return { portal, config, log };
}
