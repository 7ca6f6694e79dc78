/**
 * Engine overhead of invoice processing: the same auto-approved, already-due invoices through `invoiceProcessing`
 * and through the bare workflow, on one worker (so worker options are identical by construction) with the
 * in-memory bots, so the figure is the engine's and not Chromium's. Rounds alternate which side goes first, after
 * a warm-up of both, and the figure is the median of the per-round ratios (robust to a noisy neighbour).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInvoiceActivities } from '../../activities/invoices';
import { inMemoryInvoiceBots } from '../../scripts/histories/in-memory-invoice-bots';
import { invoiceStartOptions } from '../../client/invoices/start-invoice-processing';
import type { Invoice } from '../../schemas/invoices/invoice';
import type { PurchaseOrderView } from '../../schemas/invoices/invoice-match';
import {
  invoiceOf,
  invoiceVendors,
  matchingLines,
  purchaseOrder,
  testPolicy,
} from '../../test/fixtures/invoice-master-data';
import { invoiceProcessing } from '../../workflows/invoices/invoice-processing';
import { bareInvoice } from '../workflows/bare-invoice';
import type { BenchmarkRow } from '../run';
import type { BenchTemporal } from './bench-temporal';
import { startBenchWorker } from './bench-worker';
import { inParallel, percentile, ratio } from './stats';

type Side = 'engine' | 'bare';

/** The portal master data the tests load, as the in-memory bots answer it. */
const vendors = Object.values(invoiceVendors).map((v) => ({
  vendorId: v.id,
  name: v.name,
  vatId: v.vatId,
  iban: v.iban,
  active: v !== invoiceVendors.inactive,
}));
const order: PurchaseOrderView = {
  id: purchaseOrder.id,
  vendorId: invoiceVendors.active.id,
  currency: 'EUR',
  status: 'open',
  lines: purchaseOrder.lines.map((l, i) => ({
    lineNo: i + 1,
    sku: l.sku,
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    receivedQuantity: l.received,
  })),
  goodsReceipts: ['GR-0101'],
};

/** `count` invoices that match PO-0101, are auto-approved and already due (no payment timer); numbered by `tag`. */
function batch(tag: string, count: number): Invoice[] {
  const template = invoiceOf(matchingLines, { poNumber: purchaseOrder.id });
  return Array.from({ length: count }, (_, i) => ({
    ...template,
    invoiceNumber: `${tag}-${String(i).padStart(4, '0')}`,
  }));
}

async function runBatch(temporal: BenchTemporal, taskQueue: string, side: Side, invoices: Invoice[]): Promise<number> {
  const started = performance.now();
  await inParallel(invoices, 64, async (invoice) => {
    // The engine's side is started as the engine's client starts it; the bare one with the same id and input only.
    const { typedSearchAttributes, ...options } = invoiceStartOptions(
      { taskQueue, botsTaskQueue: taskQueue, policy: testPolicy },
      invoice,
      'bench',
    );
    if (side === 'engine') {
      const result = await temporal.client.workflow.execute(invoiceProcessing, { ...options, typedSearchAttributes });
      if (result.status !== 'paid')
        throw new Error(`${invoice.invoiceNumber} ended ${result.status}: ${result.reason ?? ''}`);
    } else {
      await temporal.client.workflow.execute(bareInvoice, options);
    }
  });
  return performance.now() - started;
}

export async function measureInvoiceOverhead(
  temporal: BenchTemporal,
  count: number,
  rounds: number,
): Promise<BenchmarkRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-invoice-overhead-'));
  const taskQueue = 'bench-invoice-overhead';
  const worker = await startBenchWorker(temporal, taskQueue, {
    ...inMemoryInvoiceBots(vendors, [order]),
    ...createInvoiceActivities({ paymentsDir: join(dir, 'payments') }),
  });
  try {
    const run = Date.now().toString(36).toUpperCase();
    const warmup = Math.max(10, Math.round(count / 10));
    await runBatch(temporal, taskQueue, 'engine', batch(`W${run}E`, warmup));
    await runBatch(temporal, taskQueue, 'bare', batch(`W${run}B`, warmup));
    const times: Record<Side, number[]> = { engine: [], bare: [] };
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const sides: Side[] = round % 2 === 0 ? ['engine', 'bare'] : ['bare', 'engine'];
      for (const side of sides)
        times[side].push(
          await runBatch(temporal, taskQueue, side, batch(`R${run}${round}${side[0]!.toUpperCase()}`, count)),
        );
      ratios.push(times.engine[round]! / times.bare[round]!);
      console.error(
        `  round ${round + 1}: engine ${(times.engine[round]! / 1000).toFixed(1)} s, bare ${(times.bare[round]! / 1000).toFixed(1)} s, ratio ${ratio(ratios[round]!)}`,
      );
    }
    const seconds = (side: Side) => `${(percentile(times[side], 50) / 1000).toFixed(1)} s`;
    return [
      {
        figure: `invoice processing, ${count} auto-approved invoices (in-memory bots, 64 at once), wall time, median of ${rounds} rounds`,
        value: seconds('engine'),
        target: 'report',
      },
      {
        figure: `bare Temporal workflow, same ${count} invoices, same activities and worker, wall time, median of ${rounds} rounds`,
        value: seconds('bare'),
        target: 'report',
      },
      {
        figure: `invoice engine overhead (invoiceProcessing ÷ bare workflow), median of ${rounds} per-round ratios (${ratios.map(ratio).join(', ')})`,
        value: ratio(percentile(ratios, 50)),
        target: '≤ 1.10',
      },
    ];
  } finally {
    await worker.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
