import { join } from 'node:path';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createLedgerActivities } from '../activities/ledger';
import { taskQueue, type Config } from '../platform/config';
import { createWorker } from './create-worker';

/** The `main` queue: every workflow, and the light activities that touch the engine's own stores. */
export function mainActivities(config: Pick<Config, 'DATA_DIR'>) {
  return {
    ...createLedgerActivities({ dir: join(config.DATA_DIR, 'ledger') }),
  };
}

export function createMainWorker(connection: NativeConnection, config: Config, queue = taskQueue(config, 'main')): Promise<Worker> {
  return createWorker({
    connection,
    config,
    taskQueue: queue,
    activities: mainActivities(config),
    options: {
      maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    },
  });
}
