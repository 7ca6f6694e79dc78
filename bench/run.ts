/**
 * `npm run bench [-- name …]`: runs the benchmarks in bench/*.bench.ts (all, or those named) one after the
 * other. Each prints its figures as rows `| figure | value | target | measured with |` for BENCHMARKS.md.
 */
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';

export interface BenchmarkRow {
  figure: string;
  value: string;
  target: string;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchmarkRow[]>;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const available = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => basename(f, '.bench.ts'))
    .sort();
  const unknown = wanted.filter((w) => !available.includes(w));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ') || '(none)'}`);
    process.exit(2);
  }
  const names = wanted.length > 0 ? wanted : available;
  const rows: string[] = [];
  for (const name of names) {
    console.error(`running benchmark ${name} …`);
    const bench = (await import(`./${name}.bench`)) as { default: Benchmark };
    for (const row of await bench.default.run())
      rows.push(`| ${row.figure} | ${row.value} | ${row.target} | npm run bench -- ${name} |`);
  }
  console.log('| figure | value | target | measured with |\n|---|---|---|---|');
  for (const row of rows) console.log(row);
  process.exit(0);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
