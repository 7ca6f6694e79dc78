import { resolve } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { ConfigError, loadConfig, temporalAddress, type Config } from '../platform/config';
import { ensureDevServer, ensureNamespace, type DevServer } from '../platform/dev-server';
import { createLogger, type Logger } from '../platform/logger';
import { openTaskStore } from '../platform/task-store/open-task-store';
import { connectClient, connectWorker } from '../platform/temporal-connection';
import { installTemporalRuntime } from '../platform/temporal-runtime';
import { searchAttributeKinds } from '../workflows/engine/search-attributes';
import { createLlmWorker } from '../workers/llm-worker';
import { createMainWorker } from '../workers/main-worker';
import { startApiServer } from './api/server';
import { installedProcesses } from '../processes/installed';
import { startBots } from './start-bots';
import { applySchedules } from './schedules/apply-schedules';
import { loadScheduleDefinitions, scheduleScope } from './schedules/load-definitions';

/** The embedded dev server unless TEMPORAL_ADDRESS points at a cluster. */
async function temporalFor(config: Config, logger: Logger): Promise<DevServer | undefined> {
  if (config.TEMPORAL_ADDRESS) {
    logger.info({ address: config.TEMPORAL_ADDRESS }, 'using the configured Temporal cluster');
    return undefined;
  }
  return ensureDevServer(
    {
      namespace: config.TEMPORAL_NAMESPACE,
      dbFile: resolve(config.DATA_DIR, 'temporal.sqlite'),
      port: config.TEMPORAL_DEV_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      // The UI decrypts payloads through the API's codec server, for admins and auditors signed in to the inbox.
      uiCodecEndpoint: `${config.API_PUBLIC_URL?.replace(/\/+$/, '') ?? `http://127.0.0.1:${config.API_PORT}`}/codec`,
      searchAttributes: searchAttributeKinds,
      cliPath: config.TEMPORAL_CLI_PATH,
      toolsDir: config.TOOLS_DIR,
    },
    logger.child({ component: 'dev-server' }),
  );
}

/** `npm start`: Temporal (embedded or configured) and the workers, in one process, stopped by Ctrl-C. */
async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const logger = createLogger(config, 'bpo');
  installTemporalRuntime(logger);

  const server = await temporalFor(config, logger);
  const address = temporalAddress(config);
  if (!server)
    await ensureNamespace(address, config.TEMPORAL_NAMESPACE, searchAttributeKinds).catch((err: Error) => {
      // A managed cluster may forbid namespace changes; the operator registers them there.
      logger.warn(
        { err: err.message },
        'could not check the namespace and search attributes on the configured cluster',
      );
    });

  const connection = await connectWorker({ ...config, address });
  // One task store for the worker's activities and the API: embedded PGlite allows a single owner.
  const taskStore = await openTaskStore(config);
  const workers: Worker[] = [await createMainWorker(connection, config, undefined, { taskStore })];
  // The llm queue: model calls (or the offline summariser without OPENAI_API_KEY), rate-limited on their own.
  workers.push(await createLlmWorker(connection, config));
  // The bots queue, and the legacy portal they drive (in this process unless PORTAL_URL points elsewhere).
  const bots = await startBots(connection, config, logger);
  if (bots.worker) workers.push(bots.worker);
  const running = workers.map((w) => w.run());
  const client = await connectClient({ ...config, address });
  const api = await startApiServer({ config, client, store: taskStore, logger });
  // The nightly runs defined in code; applying again changes nothing.
  const schedules = await applySchedules(client, await loadScheduleDefinitions(config), {
    scope: scheduleScope(config),
  });
  // The processes' own intake beside the workers (drop folders and the like).
  const services = installedProcesses.flatMap((p) => p.services?.({ config, client, logger }) ?? []);

  logger.info(
    {
      temporal: address,
      namespace: config.TEMPORAL_NAMESPACE,
      temporalUi: server?.uiUrl,
      taskQueues: workers.map((w) => w.options.taskQueue),
      inbox: api.url,
      portal: bots.portalUrl,
      schedules: schedules.map((s) => `${s.scheduleId} (${s.change})`),
      startupMs: Date.now() - startedAt,
    },
    `engine ready: web inbox at ${api.url} (demo users in config/users.yaml); submit work with \`npx bpo invoice submit <file>\`; Ctrl-C stops`,
  );

  // The Runtime shuts workers down on SIGINT/SIGTERM; then the rest is closed in reverse order.
  await Promise.allSettled(running);
  await Promise.allSettled(services.map((s) => s.stop()));
  await bots.stop();
  await api.close();
  await client.connection.close();
  await taskStore.close();
  await connection.close();
  await server?.stop();
  logger.info('engine stopped');
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
