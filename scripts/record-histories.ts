/**
 * Records event histories of the processes into test/histories/, for the replay test. Run it after a
 * deliberate, versioned workflow change (`npm run record-histories`), never to make a failing replay pass.
 */
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { createLedgerActivities } from '../activities/invoices/ledger';
import { invoiceResult, submitInvoice } from '../client/invoices/submit-invoice';
import { loadConfig } from '../platform/config';
import { dataConverter } from '../platform/data-converter';
import { createLogger } from '../platform/logger';
import { connectClient, connectWorker } from '../platform/temporal-connection';
import type { Invoice } from '../schemas/invoices/invoice';
import { startThrowawayDevServer } from '../test/helpers/throwaway-dev-server';
import { ticketActivities, ticketScenarios } from './histories/ticket-scenarios';
import { attendedActivities, attendedScenarios } from './histories/attended-scenarios';
import { dataEntryScenarios } from './histories/data-entry-scenarios';
import { dropFolderActivities, dropFolderScenarios } from './histories/drop-folder-scenarios';
import { invoiceActivities, invoiceScenarios } from './histories/invoice-scenarios';
import { payrollActivities, payrollScenarios } from './histories/payroll-scenarios';
import { workflowEntryPath } from '../workers/workflow-entry';

const outDir = resolve(__dirname, '../test/histories');
const repoRoot = `${resolve(__dirname, '..')}/`;
// node_modules may be a link into another checkout (a worktree sharing one install): its frames are cut there too.
const modulesRoot = `${dirname(realpathSync(join(repoRoot, 'node_modules')))}/`;

interface Scenario {
  file: string;
  /** `dir`: the recording's scratch folder, shared with the activities (ledger, vault). */
  run(client: Client, taskQueue: string, dir: string): Promise<string>;
}

const invoice: Invoice = {
  vendorId: 'V-0001',
  vendorName: 'Acme Office Supplies GmbH',
  invoiceNumber: 'INV-REPLAY-1',
  invoiceDate: '2026-11-02',
  dueDate: '2026-12-02',
  currency: 'EUR',
  submittedBy: 'clerk',
  lines: [{ description: 'A4 paper, box of 5 reams', quantity: 10, unitPrice: 24.9, taxRate: 19 }],
  subtotal: 249,
  taxTotal: 47.31,
  total: 296.31,
};

const force = process.argv.includes('--force');

const scenarios: Scenario[] = [
  {
    file: 'invoice-intake-registered.json',
    async run(client, taskQueue) {
      const started = await submitInvoice(client, taskQueue, invoice);
      await invoiceResult(client, started.workflowId);
      return started.workflowId;
    },
  },
  ...ticketScenarios,
  ...attendedScenarios,
  ...dataEntryScenarios,
  ...invoiceScenarios,
  ...payrollScenarios,
  ...dropFolderScenarios,
];

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ ...config, LOG_LEVEL: 'warn' }, 'record');
  const server = await startThrowawayDevServer('bpo-record', logger);
  const ledgerDir = await mkdtemp(join(tmpdir(), 'record-ledger-'));
  try {
    const target = { ...config, TEMPORAL_NAMESPACE: 'bpo-record', address: server.address };
    const client = await connectClient(target);
    const connection = await connectWorker(target);
    const taskQueue = 'record';
    const worker = await Worker.create({
      connection,
      namespace: 'bpo-record',
      taskQueue,
      workflowsPath: workflowEntryPath(),
      dataConverter: dataConverter(config),
      activities: {
        ...createLedgerActivities({ dir: ledgerDir }),
        ...(await attendedActivities(ledgerDir)),
        ...ticketActivities(ledgerDir),
        ...invoiceActivities(ledgerDir),
        ...payrollActivities(ledgerDir, config),
        ...dropFolderActivities(),
      },
    });
    await mkdir(outDir, { recursive: true });
    await worker.runUntil(async () => {
      // `npm run record-histories -- data-entry` records only the scenarios whose file names contain a word given.
      const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
      for (const scenario of scenarios.filter((s) => wanted.length === 0 || wanted.some((w) => s.file.includes(w)))) {
        // A recorded history stands for workflows already running in production: never overwrite one unless
        // asked (--force, after a deliberate, versioned change); new scenarios are recorded next to the old.
        if (!force && existsSync(join(outDir, scenario.file))) {
          console.log(`kept ${scenario.file} (exists; --force records it again)`);
          continue;
        }
        const workflowId = await scenario.run(client, taskQueue, ledgerDir);
        const history = await client.workflow.getHandle(workflowId).fetchHistory();
        // Histories are checked in: stack traces name files relative to the repository, not this checkout's place.
        const json = historyToJSON(history).split(repoRoot).join('').split(modulesRoot).join('');
        await writeFile(join(outDir, scenario.file), json);
        console.log(`recorded ${scenario.file} (${history.events?.length ?? 0} events)`);
      }
    });
    await connection.close();
    await client.connection.close();
  } finally {
    await server.stop();
    await rm(ledgerDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
