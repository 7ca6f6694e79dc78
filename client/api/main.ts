import { ConfigError, loadConfig, temporalAddress } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { openTaskStore } from '../../platform/task-store/open-task-store';
import { connectClient } from '../../platform/temporal-connection';
import { startApiServer } from './server';

/**
 * The API and web inbox as a process of their own (production, docker-compose). The workers write the task
 * store, so it must be a shared PostgreSQL here (DATABASE_URL): embedded PGlite has a single owner.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config, 'api');
  if (!config.DATABASE_URL)
    logger.warn(
      'DATABASE_URL is not set: the API reads its own embedded task store, which no separate worker can write',
    );
  const client = await connectClient({ ...config, address: temporalAddress(config) });
  const store = await openTaskStore(config);
  const api = await startApiServer({ config, client, store, logger, host: config.API_HOST });
  logger.info({ url: api.url }, 'API and web inbox listening');

  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await api.close();
    await store.close();
    await client.connection.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
