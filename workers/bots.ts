import { createLogger } from '../platform/logger';
import { createBotsWorker } from './bots-worker';
import { runWorkerEntry } from './run-worker-entry';

runWorkerEntry('bots', (connection, config) =>
  createBotsWorker(connection, config, { logger: createLogger(config, 'worker-bots') }),
).catch((err) => {
  console.error(err);
  process.exit(1);
});
