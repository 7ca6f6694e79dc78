import { createMainWorker } from './main-worker';
import { runWorkerEntry } from './run-worker-entry';

runWorkerEntry('main', createMainWorker).catch((err) => {
  console.error(err);
  process.exit(1);
});
