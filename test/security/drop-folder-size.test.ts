import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDropFolderActivities } from '../../activities/data-entry/drop-folder';
import { chunkWorkflowId } from '../../workflows/data-entry';
import { dropFolderDataEntry } from '../../workflows/data-entry/drop-folder-data-entry';
import { testVendors } from '../fixtures/vendors';
import { startBotsStack, type BotsStack } from '../helpers/bots';
import { runBpo } from '../helpers/bpo-cli';
import { connectTestTemporal, type TestTemporal, workflowExists } from '../helpers/temporal';

/**
 * Item 13: a 2.4 MB drop file made the claiming activity return 4.3 MB of records, over gRPC's limit; it timed
 * out, was retried forever and the nightly schedule skipped. Files now travel as references, are read in parts
 * inside activities, and a file over the configured limit is set aside with its reason.
 */
let temporal: TestTemporal;
let stack: BotsStack;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  stack = await startBotsStack(temporal, { name: 'drop-size', activities: createDropFolderActivities() });
});

afterAll(async () => {
  await stack?.stop();
  await temporal?.close();
});

const KB = 1024;
const LIMIT = 256 * KB;

/**
 * A ~2.4 MB CSV of thousands of rows: a few vendors the bots enter, and rows the intake refuses by field (a bad
 * e-mail), which reach no bot, so the run stays short while the file is as big as the one that broke it.
 */
function bigCsv(tag: string, rows: number): string {
  const good = testVendors(tag, 3);
  const filler =
    'Lange Straße 1, Hinterhaus, 3. Obergeschoss links, 10115 Berlin-Mitte, Deutschland, Lieferanteneingang, Rampe 4, Tor 7, werktags 7-15 Uhr';
  const lines = ['name,vatId,iban,email,address'];
  for (const v of good) lines.push([v.name, v.vatId, v.iban, v.email, `"${v.address}"`].join(','));
  for (let n = 1; lines.length <= rows; n += 1)
    lines.push(
      [
        `${tag} Bulk ${n} GmbH`,
        `ZZ${String(n).padStart(9, '0')}`,
        'DE89370400440532013000',
        'no-email',
        `"${filler}"`,
      ].join(','),
    );
  return lines.join('\n');
}

/** The largest payload anywhere in a workflow's history (inputs, results, markers, search attributes …). */
async function largestPayload(workflowId: string): Promise<number> {
  const history = await temporal.client.workflow.getHandle(workflowId).fetchHistory();
  let largest = 0;
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    if (value instanceof Uint8Array) return;
    const payload = value as { data?: unknown; metadata?: Record<string, Uint8Array> };
    if (payload.data instanceof Uint8Array && payload.metadata && typeof payload.metadata === 'object') {
      const meta = Object.values(payload.metadata).reduce((sum, v) => sum + (v?.length ?? 0), 0);
      largest = Math.max(largest, payload.data.length + meta);
      return;
    }
    for (const child of Object.values(value)) walk(child);
  };
  for (const event of history.events ?? []) walk(event);
  return largest;
}

const exists = (workflowId: string) => workflowExists(temporal.client, workflowId);

describe('a big drop-folder file travels as a reference', () => {
  it('item 13: a 2.4 MB file of thousands of rows is entered in parts and no payload in any history exceeds 256 KB', async () => {
    const folder = join(stack.target.dir, `drop-big-${randomUUID().slice(0, 6)}`);
    await mkdir(folder, { recursive: true });
    const tag = `BIG${randomUUID().slice(0, 4).toUpperCase()}`;
    await writeFile(join(folder, 'big.csv'), bigCsv(tag, 12_000));
    const { size } = await stat(join(folder, 'big.csv'));
    expect(size).toBeGreaterThan(2.3 * 1024 * KB);
    expect(size).toBeLessThan(2.6 * 1024 * KB);

    const workflowId = `drop-folder-big-${randomUUID()}`;
    const outcomes = await temporal.client.workflow.execute(dropFolderDataEntry, {
      taskQueue: stack.mainQueue,
      workflowId,
      args: [{ folder, botsTaskQueue: stack.botsQueue, parallelism: 2 }],
      workflowExecutionTimeout: '10 minutes',
    });
    expect(outcomes).toHaveLength(1);
    const [file] = outcomes;
    expect(file).toMatchObject({
      source: 'big.csv',
      outcome: 'entered',
      parts: 24,
      counts: { entered: 3, invalid: 11_997 },
    });
    const counts = await stack.target.vendorCounts(testVendors(tag, 3).map((v) => v.vatId));
    expect([...counts.values()]).toEqual([1, 1, 1]);
    expect(await readdir(join(folder, 'done'))).toEqual(['big.csv', 'big.csv.report.json']);

    // The night's run, every part's batch and the chunk that went to the bots: all far below gRPC's limits.
    const batches = file?.batchWorkflowIds ?? [];
    expect(batches).toHaveLength(24);
    const histories = [workflowId, ...batches, chunkWorkflowId(batches[0] as string, 1)];
    const sizes = await Promise.all(histories.map(largestPayload));
    // Every history was read (each holds payloads), and the biggest, a part of 500 rows, is far below the limit.
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    expect(Math.max(...sizes)).toBeGreaterThan(16 * KB);
    expect(Math.max(...sizes)).toBeLessThan(LIMIT);
  }, 600_000);

  it('item 13: a file over the configured limit is moved to rejected/ with its reason, never read or retried', async () => {
    const folder = join(stack.target.dir, `drop-limit-${randomUUID().slice(0, 6)}`);
    await mkdir(folder, { recursive: true });
    const tag = `LIM${randomUUID().slice(0, 4).toUpperCase()}`;
    await writeFile(join(folder, 'a-big.csv'), bigCsv(tag, 12_000));
    const small = testVendors(`${tag}S`, 1, 10);
    await writeFile(
      join(folder, 'b-small.csv'),
      [
        'name,vatId,iban,email,address',
        ...small.map((v) => [v.name, v.vatId, v.iban, v.email, `"${v.address}"`].join(',')),
      ].join('\n'),
    );

    const workflowId = `drop-folder-limit-${randomUUID()}`;
    const outcomes = await temporal.client.workflow.execute(dropFolderDataEntry, {
      taskQueue: stack.mainQueue,
      workflowId,
      args: [{ folder, botsTaskQueue: stack.botsQueue, parallelism: 1, maxFileBytes: 1024 * KB }],
      workflowExecutionTimeout: '5 minutes',
    });
    // The big file is refused with its reason; the night goes on with the next file.
    expect(outcomes.map((o) => [o.source, o.outcome])).toEqual([
      ['a-big.csv', 'refused'],
      ['b-small.csv', 'entered'],
    ]);
    expect(outcomes[0]?.error).toMatch(/a-big\.csv: is 2\.\d MiB, over the limit of 1\.0 MiB/);
    expect((await readdir(join(folder, 'rejected'))).sort()).toEqual(['a-big.csv', 'a-big.csv.report.json']);
    expect(JSON.parse(await readFile(join(folder, 'rejected', 'a-big.csv.report.json'), 'utf8'))).toMatchObject({
      outcome: 'refused',
      error: expect.stringContaining('over the limit'),
    });
    expect(await readdir(join(folder, 'processing'))).toEqual([]);

    // Nothing of the refused file was entered or started, and no activity of the run was retried.
    const bigCounts = await stack.target.vendorCounts(testVendors(tag, 3).map((v) => v.vatId));
    expect([...bigCounts.values()]).toEqual([0, 0, 0]);
    expect(outcomes[0]?.batchWorkflowIds).toBeUndefined();
    const history = await temporal.client.workflow.getHandle(workflowId).fetchHistory();
    const retried = (history.events ?? []).filter((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1);
    expect(retried).toEqual([]);
    expect(await largestPayload(workflowId)).toBeLessThan(LIMIT);
    const hash = createHash('sha256')
      .update(await readFile(join(folder, 'rejected', 'a-big.csv')))
      .digest('hex')
      .slice(0, 16);
    expect(await exists(`data-entry:${hash}`)).toBe(false);
    expect(await exists(`data-entry:${hash}-part-1`)).toBe(false);
  }, 300_000);

  it('item 13: `bpo data-entry` refuses a file too big for one run and points at the drop folder; nothing starts', async () => {
    const dir = stack.target.dir;
    const file = join(dir, 'cli-big.csv');
    const rows = testVendors('cli', 10_000).map((v) => [v.name, v.vatId, v.iban, v.email, `"${v.address}"`].join(','));
    await writeFile(file, ['name,vatId,iban,email,address', ...rows].join('\n'));
    // No Temporal server answers at this address: the refusal comes before any connection.
    const run = await runBpo(['data-entry', file], {
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/records are [\d.]+ MiB, more than one run may carry/);
    expect(run.stderr).toContain(`${dir}/drop/data-entry`);
  });
});
