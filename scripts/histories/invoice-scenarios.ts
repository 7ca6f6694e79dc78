/** Recorded scenarios of invoice processing: auto-approved and paid; one approver; reversed after posting. */
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { createInvoiceActivities } from '../../activities/invoices';
import { invoiceProcessingResult, invoiceStartOptions } from '../../client/invoices/start-invoice-processing';
import type { Invoice } from '../../schemas/invoices/invoice';
import { defaultInvoicePolicy } from '../../schemas/invoices/invoice-policy';
import { invoiceProcessing } from '../../workflows/invoices/invoice-processing';
import { inMemoryInvoiceBots } from './in-memory-invoice-bots';
import { completeTask } from './complete-task';

const vendor = {
  vendorId: 'V-0001',
  name: 'Acme Office Supplies GmbH',
  vatId: 'DE123456789',
  iban: 'DE89370400440532013000',
  active: true,
};

/** The bots (in memory, on the recording queue itself) and the engine's invoice activities. */
export function invoiceActivities(dir: string) {
  return {
    ...inMemoryInvoiceBots([vendor, { ...vendor, vendorId: 'V-0002', iban: 'GB82WEST12345698765432' }]),
    ...createInvoiceActivities({ paymentsDir: join(dir, 'payments') }),
  };
}

const invoice = (invoiceNumber: string, quantity: number, vendorId = 'V-0001'): Invoice => {
  const net = Math.round(quantity * 24.9 * 100);
  const tax = Math.round(net * 0.19);
  return {
    vendorId,
    vendorName: vendor.name,
    invoiceNumber,
    invoiceDate: '2026-01-02',
    dueDate: '2026-02-01',
    currency: 'EUR',
    submittedBy: 'clerk',
    iban: vendor.iban,
    lines: [{ description: 'A4 paper, box of 5 reams', quantity, unitPrice: 24.9, taxRate: 19 }],
    subtotal: net / 100,
    taxTotal: tax / 100,
    total: (net + tax) / 100,
  };
};

/**
 * The workflow id is the history's file name: the replay test replays under that id, and task ids derive from it.
 * `findable` starts the run as the engine's client does (search attributes from the start); without it, as
 * runs recorded before that were started.
 */
async function run(
  client: Client,
  taskQueue: string,
  file: string,
  inv: Invoice,
  during?: (workflowId: string) => Promise<void>,
  findable = false,
): Promise<string> {
  const options = invoiceStartOptions(
    { taskQueue, botsTaskQueue: taskQueue, policy: defaultInvoicePolicy },
    inv,
    'record',
  );
  await client.workflow.start(invoiceProcessing, {
    ...options,
    workflowId: file,
    typedSearchAttributes: findable ? options.typedSearchAttributes : [],
  });
  await during?.(file);
  await invoiceProcessingResult(client, file);
  return file;
}

const approveOnce = (client: Client) => (workflowId: string) =>
  completeTask(
    client,
    `${workflowId}:task:approval`,
    { username: 'approver', roles: ['approver'] },
    {
      decision: 'approve',
    },
  );

const autoApproved = (file: string, invoiceNumber: string, findable = false) => ({
  file,
  run: (client: Client, q: string) => run(client, q, file, invoice(invoiceNumber, 10), undefined, findable),
});
const approvedOnce = (file: string, invoiceNumber: string, findable = false) => ({
  file,
  run: (client: Client, q: string) => run(client, q, file, invoice(invoiceNumber, 100), approveOnce(client), findable),
});

export const invoiceScenarios = [
  // Started without search attributes: the run publishes every step.
  autoApproved('invoice-processing-auto-approved-paid.json', 'INV-REPLAY-AUTO'),
  approvedOnce('invoice-processing-approved-paid.json', 'INV-REPLAY-ONE'),
  // Started as the engine's client starts them: findable from the start, publishing where the invoice waits.
  autoApproved('invoice-processing-findable-auto-approved-paid.json', 'INV-REPLAY-AUTO-F', true),
  approvedOnce('invoice-processing-findable-approved-paid.json', 'INV-REPLAY-ONE-F', true),
  // V-0002's master account differs from the invoice's: the bank review is rejected, nothing is posted.
  {
    file: 'invoice-processing-bank-review-rejected.json',
    run: (client: Client, q: string) =>
      run(
        client,
        q,
        'invoice-processing-bank-review-rejected.json',
        invoice('INV-REPLAY-BANK', 10, 'V-0002'),
        async (workflowId) => {
          await completeTask(
            client,
            `${workflowId}:task:bank-review`,
            { username: 'manager', roles: ['manager'] },
            {
              decision: 'reject',
              comment: 'not confirmed',
            },
          );
        },
      ),
  },
];
