/**
 * The bot runtime measured side by side against the real portal and real Chromium:
 * - 200 vendor entries with the shared pool ÷ the same with a browser launched per activity;
 * - the pool's browser memory after 500 activities ÷ after 50 (recycling keeps it flat);
 * - a ready page from the pool ÷ a cold launch + context + page.
 * BENCH_RECORDS, BENCH_MEMORY_ACTIVITIES and BENCH_RECYCLE_AFTER scale the runs down on a busy machine;
 * BENCH_CONCURRENCY sets the pages at once (default 4); BENCH_WARMUP the records each side enters untimed first
 * (default 10); BENCH_BLOCK the records each side enters in its turn (default 20);
 * BENCH_PARTS=speed,memory,ready picks the parts to run. BOTS_PAINT_PAGES=true measures pages that are painted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createFolderArtifactStore } from '../activities/engine/artifacts/artifact-store';
import {
  BrowserPool,
  coldPageProvider,
  withColdPage,
  type PageProvider,
} from '../activities/engine/browser/browser-pool';
import { createPortalActivities } from '../activities/data-entry';
import type { EnterVendorInput } from '../activities/data-entry/enter-vendor';
import { LoginPage, VendorListPage } from '../activities/systems/portal/pages';
import { PortalSessions } from '../activities/systems/portal/portal-sessions';
import { startPortal, type RunningPortal } from '../demo/portal/server';
import { loadConfig } from '../platform/config';
import { testVendors } from '../test/fixtures/vendors';
import { inParallel, machineBusyMs } from './helpers/stats';
import type { Benchmark, BenchmarkRow } from './run';

// Pages at once on each side; BENCH_CONCURRENCY changes it (the bots worker's BOTS_MAX_CONCURRENT_PAGES).
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
// CHROMIUM_PATH and BOTS_PAINT_PAGES pick the browser and whether it paints, as they do for the bots worker.
const config = loadConfig();
const browserOptions = {
  chromiumPath: config.CHROMIUM_PATH,
  actionTimeoutMs: 30_000,
  trace: false,
  paint: config.BOTS_PAINT_PAGES,
};
const credentials = { username: 'bot', password: 'bot-pass' };
// Each side first enters this many records untimed, so both are timed warm (Node's JIT, the pool's browser
// launched and its session saved), as in a worker that has been running: otherwise the side timed first pays it.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
// The sides take turns entering this many records each (BENCH_BLOCK).
const BLOCK = Number(process.env.BENCH_BLOCK ?? 20);

interface Run {
  ms: number;
  /** The machine's CPU time per record (browser processes and the portal included); undefined off Linux. */
  cpuPerRecordMs: number | undefined;
}

/** One way of entering vendors, timed over the records it has entered so far. */
interface Side {
  enter(input: EnterVendorInput): Promise<void>;
  records: EnterVendorInput[];
  ms: number;
  busyMs: number | undefined;
}

function side(
  portal: RunningPortal,
  pages: PageProvider,
  dir: string,
  tag: string,
  count: number,
  sessions?: PortalSessions,
): Side {
  const activities = createPortalActivities({
    pool: pages,
    portalUrl: portal.url,
    credentials,
    artifacts: createFolderArtifactStore(join(dir, 'artifacts')),
    sessions,
  });
  return {
    enter: async (input) => void (await new MockActivityEnvironment().run(activities.enterVendor, input)),
    records: testVendors(tag, count + WARMUP).map((record, i) => ({ batchId: tag, row: i + 1, record })),
    ms: 0,
    busyMs: 0,
  };
}

/**
 * Enters every side's records in turns of BLOCK records each, so that a machine that speeds up or slows down
 * during the run (other virtual machines on the host) weighs on all sides alike; each side is first warmed up.
 */
async function enterInTurns(sides: Side[], count: number): Promise<Run[]> {
  for (const s of sides) await inParallel(s.records.slice(0, WARMUP), CONCURRENCY, s.enter);
  for (let from = WARMUP; from < WARMUP + count; from += BLOCK) {
    for (const s of sides) {
      const started = performance.now();
      const busyBefore = machineBusyMs();
      await inParallel(s.records.slice(from, Math.min(from + BLOCK, WARMUP + count)), CONCURRENCY, s.enter);
      const busyAfter = machineBusyMs();
      s.ms += performance.now() - started;
      s.busyMs =
        s.busyMs === undefined || busyBefore === undefined || busyAfter === undefined
          ? undefined
          : s.busyMs + busyAfter - busyBefore;
    }
  }
  return sides.map((s) => ({ ms: s.ms, cpuPerRecordMs: s.busyMs === undefined ? undefined : s.busyMs / count }));
}

/** A typical light bot activity: sign in and read the vendor list. */
async function browseActivity(pool: BrowserPool, portal: RunningPortal): Promise<void> {
  await pool.withPage(async ({ page }) => {
    await new LoginPage(page, portal.url).signIn(credentials, '/vendors');
    await new VendorListPage(page, portal.url).rows();
  });
}

/**
 * The bots runtime (one browser, a fresh context per activity that starts from the worker's saved portal
 * session) against a browser launched, and signed in, per activity; and the pool alone, signing in every time,
 * to show how much of the gain each part brings.
 */
async function measureSpeed(portal: RunningPortal, dir: string, records: number): Promise<BenchmarkRow[]> {
  const pool = new BrowserPool({
    ...browserOptions,
    maxConcurrentPages: CONCURRENCY,
    recycleAfterPages: 200,
    memoryLimitBytes: 1024 ** 3,
  });
  const [runtime, poolOnly, cold] = (await enterInTurns(
    [
      side(portal, pool, dir, 'BPOOL', records, new PortalSessions()),
      side(portal, pool, dir, 'BSIGN', records),
      side(portal, coldPageProvider(browserOptions), dir, 'BCOLD', records),
    ],
    records,
  )) as [Run, Run, Run];
  await pool.close();
  // Wall time, and the machine's CPU per record: where both sides keep every core busy, their ratio is the CPU's.
  const s = (run: Run) =>
    `${(run.ms / 1000).toFixed(1)} s${run.cpuPerRecordMs === undefined ? '' : ` (${run.cpuPerRecordMs.toFixed(0)} ms CPU/record)`}`;
  console.error(
    `  ${records} records: runtime ${s(runtime)}, pool signing in each time ${s(poolOnly)}, browser per activity ${s(cold)}`,
  );
  return [
    {
      figure: `${records} vendor entries (${CONCURRENCY} at once, each side timed after ${WARMUP} untimed, the sides taking turns of ${BLOCK}), browser launched and signed in per activity ÷ bots runtime (shared browser, fresh context per activity starting from the worker's saved session) — ${s(cold)} vs ${s(runtime)}`,
      value: `${(cold.ms / runtime.ms).toFixed(2)}×`,
      target: '≥ 3×',
    },
    {
      figure: `${records} vendor entries, browser per activity ÷ shared browser signing in per activity (the pool alone) — ${s(cold)} vs ${s(poolOnly)}`,
      value: `${(cold.ms / poolOnly.ms).toFixed(2)}×`,
      target: 'report',
    },
  ];
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const benchmark: Benchmark = {
  name: 'bots',
  async run(): Promise<BenchmarkRow[]> {
    const dir = await mkdtemp(join(tmpdir(), 'bench-bots-'));
    const portal = await startPortal({ port: 0, dataDir: join(dir, 'portal') });
    const rows: BenchmarkRow[] = [];
    try {
      const parts = (process.env.BENCH_PARTS ?? 'speed,memory,ready').split(',');
      const records = Number(process.env.BENCH_RECORDS ?? 200);
      if (parts.includes('speed')) rows.push(...(await measureSpeed(portal, dir, records)));
      if (parts.includes('memory')) {
        const activities = Number(process.env.BENCH_MEMORY_ACTIVITIES ?? 500);
        const early = Math.max(1, Math.round(activities / 10));
        const recycleAfter = Number(process.env.BENCH_RECYCLE_AFTER ?? 200);
        const memoryPool = new BrowserPool({
          ...browserOptions,
          maxConcurrentPages: CONCURRENCY,
          recycleAfterPages: recycleAfter,
          memoryLimitBytes: 1024 ** 3,
        });
        const runs = Array.from({ length: activities }, (_, i) => i);
        await inParallel(runs.slice(0, early), CONCURRENCY, () => browseActivity(memoryPool, portal));
        const afterEarly = await memoryPool.memoryBytes();
        await inParallel(runs.slice(early), CONCURRENCY, () => browseActivity(memoryPool, portal));
        const afterAll = await memoryPool.memoryBytes();
        const stats = memoryPool.stats();
        await memoryPool.close();
        console.error(
          `  browser memory: ${mb(afterEarly)} after ${early}, ${mb(afterAll)} after ${activities} (${stats.launches} launches, ${stats.recycled} recycled)`,
        );
        rows.push({
          figure: `browser memory after ${activities} activities ÷ after ${early} (recycle every ${recycleAfter} pages)`,
          value: (afterAll / afterEarly).toFixed(2),
          target: '≤ 1.2',
        });
      }
      if (parts.includes('ready')) {
        const readyPool = new BrowserPool({
          ...browserOptions,
          maxConcurrentPages: CONCURRENCY,
          recycleAfterPages: 1000,
          memoryLimitBytes: 1024 ** 3,
        });
        await readyPool.withPage(async () => undefined); // launch once, as a running worker has
        const warm: number[] = [];
        for (let i = 0; i < 20; i += 1) {
          await readyPool.warm(); // between activities the pool prepares its spare page
          const t = performance.now();
          await readyPool.withPage(async () => void warm.push(performance.now() - t));
        }
        await readyPool.close();
        const cold: number[] = [];
        for (let i = 0; i < 5; i += 1) {
          const t = performance.now();
          await withColdPage(browserOptions, async () => void cold.push(performance.now() - t));
        }
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
        console.error(
          `  ready page: pool ${median(warm).toFixed(1)} ms, cold launch + context + page ${median(cold).toFixed(0)} ms (medians)`,
        );
        rows.push({
          figure: 'ready page from the pool ÷ cold launch + context + page (medians)',
          value: (median(warm) / median(cold)).toFixed(4),
          target: '≤ 0.1',
        });
      }
    } finally {
      await portal.close();
      await rm(dir, { recursive: true, force: true });
    }
    return rows;
  },
};

export default benchmark;
