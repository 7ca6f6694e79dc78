/**
 * Invoice processing, measured two ways:
 * - engine overhead: `invoiceProcessing` ÷ a bare workflow calling the same activities, in-memory bots;
 * BENCH_INVOICES (default 200) and BENCH_ROUNDS (default 5) size it.
 * BENCH_PARTS=overhead picks the parts to run.
 */
import { measureInvoiceOverhead } from './helpers/invoice-overhead';
import { startBenchTemporal } from './helpers/bench-temporal';
import type { Benchmark, BenchmarkRow } from './run';

const benchmark: Benchmark = {
  name: 'invoices',
  async run(): Promise<BenchmarkRow[]> {
    const parts = (process.env.BENCH_PARTS ?? 'overhead').split(',');
    const temporal = await startBenchTemporal();
    const rows: BenchmarkRow[] = [];
    try {
      if (parts.includes('overhead')) rows.push(...(await measureInvoiceOverhead(temporal, Number(process.env.BENCH_INVOICES ?? 200), Number(process.env.BENCH_ROUNDS ?? 5))));
    } finally {
      await temporal.close();
    }
    return rows;
  },
};

export default benchmark;
