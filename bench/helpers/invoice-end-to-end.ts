/**
 * Invoice processing end to end: the real portal (master data as the tests load it), the bots worker with
 * Chromium and the main worker, invoices started through the intake path. One invoice first warms the browser
 * and the workflow cache; then a batch of auto-approved, already-due invoices (no person, no payment timer) is
 * timed from the first start to the last result. Every history of the batch is fetched for its event count.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  invoiceProcessingResult,
  startInvoiceProcessing,
  type InvoiceTarget,
} from '../../client/invoices/start-invoice-processing';
import { loadConfig } from '../../platform/config';
import { openTaskStore } from '../../platform/task-store/open-task-store';
import { startPortal } from '../../demo/portal/server';
import type { Invoice } from '../../schemas/invoices/invoice';
import {
  invoiceOf,
  loadInvoiceMasterData,
  matchingLines,
  purchaseOrder,
  testPolicy,
} from '../../test/fixtures/invoice-master-data';
import { createBotsWorker } from '../../workers/bots-worker';
import { createMainWorker } from '../../workers/main-worker';
import type { BenchmarkRow } from '../run';
import type { BenchTemporal } from './bench-temporal';
import { inParallel } from './stats';

async function processAll(temporal: BenchTemporal, target: InvoiceTarget, invoices: Invoice[]): Promise<string[]> {
  const ids: string[] = [];
  await inParallel(invoices, invoices.length, async (invoice) => {
    const started = await startInvoiceProcessing(temporal.client, target, invoice, 'bench');
    if (started.outcome !== 'started') throw new Error(`${invoice.invoiceNumber} was not started: ${started.outcome}`);
    const result = await invoiceProcessingResult(temporal.client, started.workflowId);
    if (result.status !== 'paid')
      throw new Error(`${invoice.invoiceNumber} ended ${result.status}: ${result.reason ?? ''}`);
    ids.push(started.workflowId);
  });
  return ids;
}

export async function measureInvoiceEndToEnd(temporal: BenchTemporal, count: number): Promise<BenchmarkRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-invoice-e2e-'));
  const portal = await startPortal({ port: 0, dataDir: join(dir, 'portal'), seed: 'empty' });
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    TEMPORAL_NAMESPACE: temporal.namespace,
    PORTAL_URL: portal.url,
    BOTS_ACTION_TIMEOUT_MS: '20000',
    // As in the tests: traces cost time on every action, and a benchmark needs no evidence of success.
    BOTS_TRACE: 'false',
    ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
    ...(process.env.BOTS_PAINT_PAGES ? { BOTS_PAINT_PAGES: process.env.BOTS_PAINT_PAGES } : {}),
  });
  const taskStore = await openTaskStore(config);
  const target: InvoiceTarget = {
    taskQueue: 'bench-invoice-main',
    botsTaskQueue: 'bench-invoice-bots',
    policy: testPolicy,
  };
  const main = await createMainWorker(temporal.nativeConnection, config, target.taskQueue, { taskStore });
  const bots = await createBotsWorker(temporal.nativeConnection, config, { queue: target.botsTaskQueue });
  const running = Promise.all([main.run(), bots.worker.run()]);
  try {
    await loadInvoiceMasterData(portal);
    const invoice = () => invoiceOf(matchingLines, { poNumber: purchaseOrder.id });
    await processAll(temporal, target, [invoice()]);
    const started = performance.now();
    const ids = await processAll(temporal, target, Array.from({ length: count }, invoice));
    const minutes = (performance.now() - started) / 60_000;
    let events = 0;
    for (const id of ids) events += (await temporal.client.workflow.getHandle(id).fetchHistory()).events?.length ?? 0;
    console.error(`  ${count} invoices in ${(minutes * 60).toFixed(1)} s, ${events} history events`);
    return [
      {
        figure: `invoices end to end with real bots and portal, ${count} auto-approved at once (${config.BOTS_MAX_CONCURRENT_PAGES} browser pages), wall time`,
        value: `${(minutes * 60).toFixed(1)} s`,
        target: 'report',
      },
      { figure: 'invoices end to end, invoices per minute', value: (count / minutes).toFixed(1), target: 'report' },
      {
        figure: 'invoices end to end, history events per invoice (mean, auto-approve path)',
        value: (events / ids.length).toFixed(1),
        target: 'report',
      },
    ];
  } finally {
    main.shutdown();
    bots.worker.shutdown();
    await running;
    await bots.dispose();
    await taskStore.close();
    await portal.close();
    await rm(dir, { recursive: true, force: true });
  }
}
