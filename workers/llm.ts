import { createLlmWorker } from './llm-worker';
import { runWorkerEntry } from './run-worker-entry';

runWorkerEntry('llm', createLlmWorker).catch((err) => {
  console.error(err);
  process.exit(1);
});
