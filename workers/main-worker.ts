import { join } from 'node:path';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createFolderArtifactStore } from '../activities/artifacts/artifact-store';
import { createDropFolderActivities } from '../activities/drop-folder';
import { createInvoiceActivities } from '../activities/invoices';
import { createLedgerActivities } from '../activities/ledger';
import { createNotifyActivities, notifierFromConfig, type Notifier } from '../activities/notify';
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
    | 'NOTIFY_CHANNEL'
    | 'NOTIFY_WEBHOOK_URL'
    | 'SMTP_URL'
    | 'SMTP_FROM'
    | 'USERS_FILE'
    | 'API_PUBLIC_URL'
    | 'ARTIFACTS_DIR'
    | 'PORTAL_URL'
    | 'PORTAL_PORT'
    | 'PORTAL_USER'
    | 'PORTAL_PASSWORD'
    | 'PAYROLL_MAX_WEEKLY_HOURS'
    | 'PAYROLL_MAX_RATE_CHANGE'
  >,
  deps: { taskStore: TaskStore; notifier?: Notifier },
) {
  // One notifier for task and invoice notifications: the channel is configured once.
  const notifier = deps.notifier ?? notifierFromConfig(config);
  return {
    ...createLedgerActivities({ dir: join(config.DATA_DIR, 'ledger') }),
    ...createTicketActivities({
      dir: join(config.DATA_DIR, 'tickets'),
      vault: new PiiVault({ dir: join(config.DATA_DIR, 'pii-vault'), key: config.PII_VAULT_KEY }),
    }),
    ...createTaskStoreActivities({ store: deps.taskStore }),
    ...createNotifyActivities({ notifier }),
    ...createPurchasingActivities({ dir: join(config.DATA_DIR, 'purchasing') }),
    ...createDropFolderActivities(),
    ...createInvoiceActivities({ paymentsDir: join(config.DATA_DIR, 'payments'), notifier }),
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
  // A bad users file stops the worker here, before anything is opened, rather than at the first notification.
  const notifier = notifierFromConfig(config);
  await notifier.ready();
  const taskStore = deps.taskStore ?? (await openTaskStore(config));
  return createWorker({
    connection,
    config,
    taskQueue: queue,
    activities: mainActivities(config, { taskStore, notifier }),
    options: {
      maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    },
  });
}
