import type { NativeConnection, Worker } from '@temporalio/worker';
import { ConfigError, loadConfig, temporalAddress, type Config } from '../platform/config';
import { createLogger } from '../platform/logger';
import { connectWorker } from '../platform/temporal-connection';
import { installTemporalRuntime } from '../platform/temporal-runtime';

/**
 * Runs one worker as its own process (production, docker-compose). The Runtime stops the worker on
 * SIGINT/SIGTERM; run() resolves once in-flight tasks have finished or the grace time has passed.
 */
/** A worker with resources of its own (e.g. the bots' browser), released once it has stopped. */
export interface DisposableWorker {
  worker: Worker;
  dispose(): Promise<void>;
}

export async function runWorkerEntry(
  name: string,
  create: (connection: NativeConnection, config: Config) => Promise<Worker | DisposableWorker>,
): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config, `worker-${name}`);
  installTemporalRuntime(logger);
  const address = temporalAddress(config);
  const connection = await connectWorker({ ...config, address });
  const created = await create(connection, config);
  const { worker, dispose } = 'worker' in created ? created : { worker: created, dispose: async () => undefined };
  logger.info({ address, namespace: config.TEMPORAL_NAMESPACE, taskQueue: worker.options.taskQueue }, 'worker running');
  try {
    await worker.run();
    logger.info('worker stopped');
  } finally {
    await dispose();
    await connection.close();
  }
}
