import type { NativeConnection } from '@temporalio/worker';
import { createFolderArtifactStore } from '../activities/engine/artifacts/artifact-store';
import { BrowserPool } from '../activities/engine/browser/browser-pool';
import { PortalSessions } from '../activities/systems/portal/portal-sessions';
import { artifactsDir, portalUrl, taskQueue, type Config } from '../platform/config';
import type { ProcessDefinition } from '../processes/define-process';
import { installedProcesses } from '../processes/installed';
import { activitiesFor } from './process-activities';
import type { Logger } from '../platform/logger';
import { createWorker } from './create-worker';
import type { DisposableWorker } from './run-worker-entry';

export type BotsConfig = Pick<
  Config,
  | 'NODE_ENV'
  | 'TEMPORAL_NAMESPACE'
  | 'TEMPORAL_TASK_QUEUE_PREFIX'
  | 'WORKFLOW_BUNDLE_PATH'
  | 'DATA_DIR'
  | 'PORTAL_URL'
  | 'PORTAL_PORT'
  | 'PORTAL_USER'
  | 'PORTAL_PASSWORD'
  | 'PORTAL_TOTP_SECRET'
  | 'CHROMIUM_PATH'
  | 'ARTIFACTS_DIR'
  | 'BOTS_MAX_CONCURRENT_PAGES'
  | 'BOTS_RECYCLE_AFTER_PAGES'
  | 'BOTS_BROWSER_MEMORY_LIMIT_MB'
  | 'BOTS_ACTION_TIMEOUT_MS'
  | 'BOTS_TRACE'
  | 'BOTS_PAINT_PAGES'
>;

/** The shared browser of one bots worker process, sized from config. */
export function createBrowserPool(config: BotsConfig, logger?: Logger): BrowserPool {
  return new BrowserPool({
    chromiumPath: config.CHROMIUM_PATH,
    maxConcurrentPages: config.BOTS_MAX_CONCURRENT_PAGES,
    recycleAfterPages: config.BOTS_RECYCLE_AFTER_PAGES,
    memoryLimitBytes: config.BOTS_BROWSER_MEMORY_LIMIT_MB * 1024 * 1024,
    actionTimeoutMs: config.BOTS_ACTION_TIMEOUT_MS,
    trace: config.BOTS_TRACE,
    paint: config.BOTS_PAINT_PAGES,
    onEvent: (event, details) => logger?.info(details, event),
  });
}

/**
 * The `bots` queue: activities only (no workflows), one browser for the process. The Temporal slot count
 * equals the page cap, so the worker never accepts a task it would have to park waiting for a page.
 */
export async function createBotsWorker(
  connection: NativeConnection,
  config: Config,
  options: { queue?: string; logger?: Logger; portalUrl?: string; processes?: readonly ProcessDefinition[] } = {},
): Promise<DisposableWorker> {
  const pool = createBrowserPool(config, options.logger);
  const botDeps = {
    pool,
    portalUrl: options.portalUrl ?? portalUrl(config),
    credentials: {
      username: config.PORTAL_USER,
      password: config.PORTAL_PASSWORD,
      totpSecret: config.PORTAL_TOTP_SECRET,
    },
    artifacts: createFolderArtifactStore(artifactsDir(config)),
    sessions: new PortalSessions(),
  };
  const activities = activitiesFor(options.processes ?? installedProcesses, 'bots', { config, portal: botDeps });
  const worker = await createWorker({
    connection,
    config,
    taskQueue: options.queue ?? taskQueue(config, 'bots'),
    activities,
    runsWorkflows: false,
    options: { maxConcurrentActivityTaskExecutions: config.BOTS_MAX_CONCURRENT_PAGES },
  });
  return { worker, dispose: () => pool.close() };
}
