/**
 * Invoice processing, measured two ways:
 * - engine overhead: `invoiceProcessing` ÷ a bare workflow calling the same activities, in-memory bots;
 *   BENCH_INVOICES (default 200) and BENCH_ROUNDS (default 5) size it;
 * - end to end: real portal, bots with Chromium, invoices per minute and history events per invoice;
 *   BENCH_E2E_INVOICES (default 12: about 4 minutes on a loaded 2-core machine) sizes it.
 * BENCH_PARTS=overhead,e2e picks the parts to run.
 */
import { measureInvoiceEndToEnd } from './helpers/invoice-end-to-end';
import { measureInvoiceOverhead } from './helpers/invoice-overhead';
import { startBenchTemporal } from './helpers/bench-temporal';
import type { Benchmark, BenchmarkRow } from './run';

const benchmark: Benchmark = {
  name: 'invoices',
  async run(): Promise<BenchmarkRow[]> {
    const parts = (process.env.BENCH_PARTS ?? 'overhead,e2e').split(',');
    const temporal = await startBenchTemporal();
    const rows: BenchmarkRow[] = [];
    try {
      if (parts.includes('overhead'))
        rows.push(
          ...(await measureInvoiceOverhead(
            temporal,
            Number(process.env.BENCH_INVOICES ?? 200),
            Number(process.env.BENCH_ROUNDS ?? 5),
          )),
        );
      if (parts.includes('e2e'))
        rows.push(...(await measureInvoiceEndToEnd(temporal, Number(process.env.BENCH_E2E_INVOICES ?? 12))));
    } finally {
      await temporal.close();
    }
    return rows;
  },
};

export default benchmark;
