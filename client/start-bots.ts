import type { NativeConnection, Worker } from '@temporalio/worker';
import { portalUrl, type Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import { loadPortalConfig } from '../portal/config';
import { createPortalLogger } from '../portal/logger';
import { startPortal, type RunningPortal } from '../portal/server';
import { ChromiumNotFoundError } from '../activities/engine/browser/find-chromium';
import { createBotsWorker } from '../workers/bots-worker';

export interface RunningBots {
  /** Undefined without a Chromium: bot steps then wait, durably, until a bots worker that has one starts. */
  worker?: Worker;
  portalUrl: string;
  /** After the worker has stopped: closes the browser, then the in-process portal. */
  stop(): Promise<void>;
}

/**
 * For `npm start`: the legacy portal in this process (unless PORTAL_URL points at one elsewhere) and the
 * bots worker that drives it.
 */
export async function startBots(connection: NativeConnection, config: Config, logger: Logger): Promise<RunningBots> {
  let portal: RunningPortal | undefined;
  if (!config.PORTAL_URL) {
    const loaded = loadPortalConfig({ ...process.env, PORTAL_PORT: String(config.PORTAL_PORT) });
    if (!loaded.ok) throw new Error(`The portal cannot start:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}`);
    const { config: pc } = loaded;
    portal = await startPortal({
      port: pc.port,
      host: pc.host,
      dataDir: pc.dataDir,
      adminToken: pc.adminToken,
      seed: pc.seed,
      chaos: pc.chaos,
      logger: createPortalLogger(pc.logLevel),
    });
  }
  const url = portal?.url ?? portalUrl(config);
  let bots: Awaited<ReturnType<typeof createBotsWorker>> | undefined;
  try {
    bots = await createBotsWorker(connection, config, { logger: logger.child({ component: 'bots' }), portalUrl: url });
  } catch (err) {
    // Everything but the bots still runs on a machine without a browser; the warning says how to add one.
    if (!(err instanceof ChromiumNotFoundError)) throw err;
    logger.warn({ err: err.message }, 'no bots worker: bot steps wait in the bots queue until one runs');
  }
  return {
    worker: bots?.worker,
    portalUrl: url,
    async stop() {
      await bots?.dispose();
      await portal?.close();
    },
  };
}
