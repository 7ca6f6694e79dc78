import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDropFolderActivities } from '../activities/data-entry/drop-folder';
import { dropFolderDataEntry } from '../workflows/data-entry/drop-folder-data-entry';
import { testVendors } from './fixtures/vendors';
import { startBotsStack, type BotsStack, type TestPortal } from './helpers/bots';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

let temporal: TestTemporal;
let stack: BotsStack;
let target: TestPortal;
let mainQueue: string;
let botsQueue: string;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  stack = await startBotsStack(temporal, { name: 'drop', activities: createDropFolderActivities() });
  ({ target, mainQueue, botsQueue } = stack);
});

afterAll(async () => {
  await stack?.stop();
  await temporal?.close();
});

describe('the nightly data-entry batch from a drop folder', () => {
  it('enters each waiting file once, recognises a file dropped twice, and sets unreadable files aside', async () => {
    const folder = join(target.dir, 'drop');
    await mkdir(folder, { recursive: true });
    const vendors = testVendors('DROP', 3);
    const csv = [
      'name,vatId,iban,email,address',
      ...vendors.map((v) => [v.name, v.vatId, v.iban, v.email, `"${v.address}"`].join(',')),
    ].join('\n');
    await writeFile(join(folder, 'a-vendors.csv'), csv);
    await writeFile(join(folder, 'b-same-vendors-again.csv'), csv);
    await writeFile(join(folder, 'c-empty.json'), '[]');
    await writeFile(join(folder, 'notes.txt'), 'not a record file');

    const outcomes = await temporal.client.workflow.execute(dropFolderDataEntry, {
      taskQueue: mainQueue,
      workflowId: `drop-folder-${Date.now()}`,
      args: [{ folder, botsTaskQueue: botsQueue, parallelism: 2 }],
    });

    expect(outcomes.map((o) => [o.source, o.outcome])).toEqual([
      ['a-vendors.csv', 'entered'],
      ['b-same-vendors-again.csv', 'duplicate'],
      ['c-empty.json', 'unreadable'],
    ]);
    expect(outcomes[0]?.counts).toMatchObject({ entered: 3, invalid: 0 });
    const counts = await target.vendorCounts(vendors.map((v) => v.vatId));
    expect([...counts.values()]).toEqual([1, 1, 1]);

    // Files end where an operator expects them, each with its report; other files are left alone.
    expect((await readdir(join(folder, 'done'))).sort()).toEqual([
      'a-vendors.csv',
      'a-vendors.csv.report.json',
      'b-same-vendors-again.csv',
      'b-same-vendors-again.csv.report.json',
    ]);
    expect((await readdir(join(folder, 'failed'))).sort()).toEqual(['c-empty.json', 'c-empty.json.report.json']);
    expect(JSON.parse(await readFile(join(folder, 'failed', 'c-empty.json.report.json'), 'utf8'))).toMatchObject({
      outcome: 'unreadable',
      error: 'c-empty.json: holds no records',
    });
    expect(await readdir(folder)).toEqual(expect.arrayContaining(['notes.txt']));
    expect(await readdir(join(folder, 'processing'))).toEqual([]);
  }, 240_000);
});
