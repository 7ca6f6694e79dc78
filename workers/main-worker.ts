import { join } from 'node:path';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createLedgerActivities } from '../activities/ledger';
import { PiiVault } from '../activities/pii';
import { createNotifyActivities } from '../activities/notify';
import { createPurchasingActivities } from '../activities/purchasing';
import { createTaskStoreActivities } from '../activities/tasks';
import { createTicketActivities } from '../activities/tickets';
import { taskQueue, type Config } from '../platform/config';
import { openTaskStore } from '../platform/task-store/open-task-store';
import type { TaskStore } from '../platform/task-store/task-store';
import { createWorker } from './create-worker';

/** The `main` queue: every workflow, and the light activities that touch the engine's own stores. */
export function mainActivities(config: Pick<Config, 'DATA_DIR' | 'PII_VAULT_KEY' | 'NOTIFY_WEBHOOK_URL'>, deps: { taskStore: TaskStore }) {
  return {
    ...createLedgerActivities({ dir: join(config.DATA_DIR, 'ledger') }),
    ...createTicketActivities({ dir: join(config.DATA_DIR, 'tickets'), vault: new PiiVault({ dir: join(config.DATA_DIR, 'pii-vault'), key: config.PII_VAULT_KEY }) }),
    ...createTaskStoreActivities({ store: deps.taskStore }),
    ...createNotifyActivities({ webhookUrl: config.NOTIFY_WEBHOOK_URL }),
    ...createPurchasingActivities({ dir: join(config.DATA_DIR, 'purchasing') }),
  };
}

/** The task store is shared with the API when both run in one process (PGlite allows one owner per folder). */
export async function createMainWorker(
  connection: NativeConnection,
  config: Config,
  queue = taskQueue(config, 'main'),
  deps: { taskStore?: TaskStore } = {},
): Promise<Worker> {
  const taskStore = deps.taskStore ?? (await openTaskStore(config));
  return createWorker({
    connection,
    config,
    taskQueue: queue,
    activities: mainActivities(config, { taskStore }),
    options: {
      maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    },
  });
}
