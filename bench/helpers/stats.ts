/** Percentiles, timing, parallel runs and CPU use for benchmark figures. */
import { readFileSync } from 'node:fs';

/** Nearest-rank percentile of `samples` (ms), p in 0..100. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const ratio = (value: number) => value.toFixed(3);

/** Runs `fn` `times` times one after the other, after `warmup` unmeasured runs; returns each run's duration in ms. */
export async function timeRuns(times: number, warmup: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function inParallel<T>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  });
  await Promise.all(lanes);
}

// USER_HZ: the unit of /proc/stat on every Linux architecture Node runs on.
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time the whole machine has spent busy so far, in ms (Linux's /proc/stat: user, nice, system, irq, softirq
 * over all cores); undefined elsewhere. The difference over a run is what the run cost, browser processes
 * included, on a machine otherwise quiet.
 */
export function machineBusyMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fields;
    return ((user + nice + system + irq + softirq) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
