import { join } from 'node:path';
import { createInvoiceActivities } from '../activities/invoices';
import { createInvoiceBotActivities } from '../activities/invoices/invoice-bot';
import { createLedgerActivities } from '../activities/invoices/ledger';
import { registerInvoiceRoutes } from '../client/invoices/api-routes';
import { registerInvoiceSubmit } from '../client/invoices/cli-invoice-submit';
import { invoicePolicyFromConfig } from '../client/invoices/invoice-policy-config';
import { watchInvoiceFolder } from '../client/invoices/watch-invoice-folder';
import { taskQueue } from '../platform/config';
import { defineProcess } from './define-process';

/** Invoices in (JSON, CSV, UBL), checked, matched, approved by policy, posted by a bot, paid on time. */
export const invoices = defineProcess({
  name: 'invoices',
  title: 'Invoice processing',
  workflowsPath: join(__dirname, '../workflows/invoices'),
  activities: {
    main: ({ config, notifier }) => ({
      ...createLedgerActivities({ dir: join(config.DATA_DIR, 'ledger') }),
      ...createInvoiceActivities({ paymentsDir: join(config.DATA_DIR, 'payments'), notifier }),
    }),
    bots: ({ portal }) => createInvoiceBotActivities(portal),
  },
  cli: (program) => registerInvoiceSubmit(program.command('invoice').description('invoice processing')),
  api: registerInvoiceRoutes,
  // Invoices dropped into INVOICE_DROP_FOLDER are submitted like `bpo invoice submit` does.
  services: ({ config, client, logger }) =>
    config.INVOICE_DROP_FOLDER
      ? watchInvoiceFolder(
          client,
          {
            taskQueue: taskQueue(config, 'main'),
            botsTaskQueue: taskQueue(config, 'bots'),
            policy: invoicePolicyFromConfig(config),
          },
          config.INVOICE_DROP_FOLDER,
          config.DROP_FOLDER_IDENTITY,
          logger,
        )
      : undefined,
});
