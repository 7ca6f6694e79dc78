import { join } from 'node:path';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createFolderArtifactStore } from '../activities/artifacts/artifact-store';
import { createDropFolderActivities } from '../activities/drop-folder';
import { createInvoiceActivities } from '../activities/invoices';
import { createLedgerActivities } from '../activities/ledger';
import { createNotifyActivities } from '../activities/notify';
import { createPayrollActivities } from '../activities/payroll';
import { createPurchasingActivities } from '../activities/purchasing';
import { PiiVault } from '../activities/pii';
import { createTaskStoreActivities } from '../activities/tasks';
import { createTicketActivities } from '../activities/tickets';
import { artifactsDir, portalUrl, taskQueue, type Config } from '../platform/config';
import { openTaskStore } from '../platform/task-store/open-task-store';
import type { TaskStore } from '../platform/task-store/task-store';
import { createWorker } from './create-worker';

/** The `main` queue: every workflow, and the light activities that touch the engine's own stores. */
export function mainActivities(
  config: Pick<
    Config,
    | 'DATA_DIR'
    | 'PII_VAULT_KEY'
    | 'NOTIFY_WEBHOOK_URL'
    | 'ARTIFACTS_DIR'
    | 'PORTAL_URL'
    | 'PORTAL_PORT'
    | 'PORTAL_USER'
    | 'PORTAL_PASSWORD'
    | 'PAYROLL_MAX_WEEKLY_HOURS'
    | 'PAYROLL_MAX_RATE_CHANGE'
  >,
  deps: { taskStore: TaskStore },
) {
  return {
    ...createLedgerActivities({ dir: join(config.DATA_DIR, 'ledger') }),
    ...createTicketActivities({ dir: join(config.DATA_DIR, 'tickets'), vault: new PiiVault({ dir: join(config.DATA_DIR, 'pii-vault'), key: config.PII_VAULT_KEY }) }),
    ...createTaskStoreActivities({ store: deps.taskStore }),
    ...createNotifyActivities({ webhookUrl: config.NOTIFY_WEBHOOK_URL }),
    ...createPurchasingActivities({ dir: join(config.DATA_DIR, 'purchasing') }),
    ...createDropFolderActivities(),
    ...createInvoiceActivities({ paymentsDir: join(config.DATA_DIR, 'payments'), notifyWebhookUrl: config.NOTIFY_WEBHOOK_URL }),
    ...createPayrollActivities({
      portal: { url: portalUrl(config), username: config.PORTAL_USER, password: config.PORTAL_PASSWORD },
      artifacts: createFolderArtifactStore(artifactsDir(config)),
      policy: { maxWeeklyHours: config.PAYROLL_MAX_WEEKLY_HOURS, maxRateChange: config.PAYROLL_MAX_RATE_CHANGE },
    }),
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
