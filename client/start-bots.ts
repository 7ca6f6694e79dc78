import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { portalUrl, type Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import { ChromiumNotFoundError } from '../activities/engine/browser/find-chromium';
import { createBotsWorker } from '../workers/bots-worker';

export interface RunningBots {
  /** Undefined without a Chromium: bot steps then wait, durably, until a bots worker that has one starts. */
  worker?: Worker;
  portalUrl: string;
  /** After the worker has stopped: closes the browser, then the in-process portal. */
  stop(): Promise<void>;
}

/** A portal this process runs, as far as the bots need it. */
export interface InProcessPortal {
  url: string;
  close(): Promise<void>;
}

/** What `npm start` uses of the demo portal: `demo/portal/start-from-env.ts` (test/start-bots.test.ts checks it fits). */
export interface DemoPortalModule {
  startPortalFromEnv(env: NodeJS.ProcessEnv): Promise<{ portal: InProcessPortal }>;
}

/**
 * The demo portal is not part of the product: not in its build, not in its image. `npm start` runs it only when
 * PORTAL_URL is unset, and loads it then from this path rather than through an import, so that neither tsc's build
 * nor the lint rule that keeps product code off demo/ follows it into the product.
 */
export const demoPortalModule = join(__dirname, '..', 'demo', 'portal', 'start-from-env');

/** Starts the demo portal in this process, configured by its PORTAL_* variables. */
export async function startDemoPortal(env: NodeJS.ProcessEnv): Promise<InProcessPortal> {
  if (!existsSync(dirname(demoPortalModule))) {
    throw new Error(
      `PORTAL_URL is unset and the demo portal is not here (${dirname(demoPortalModule)}): set PORTAL_URL to the portal the bots drive`,
    );
  }
  const demo = (await import(demoPortalModule)) as DemoPortalModule;
  return (await demo.startPortalFromEnv(env)).portal;
}

/**
 * For `npm start`: the demo portal in this process (unless PORTAL_URL points at a portal elsewhere) and the bots
 * worker that drives it.
 */
export async function startBots(connection: NativeConnection, config: Config, logger: Logger): Promise<RunningBots> {
  const portal = config.PORTAL_URL
    ? undefined
    : await startDemoPortal({ ...process.env, PORTAL_PORT: String(config.PORTAL_PORT) });
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
