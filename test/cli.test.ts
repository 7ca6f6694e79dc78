import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceDocument } from './fixtures/invoices';
import { runBpo, type CliRun } from './helpers/bpo-cli';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

let temporal: TestTemporal;
let dir: string;
const prefix = `cli-${randomUUID()}-`;

/** The `bpo` binary against the test server and this test's own task queue. */
const cli = (...args: string[]): Promise<CliRun> =>
  runBpo(args, {
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
  });

beforeAll(async () => {
  temporal = await connectTestTemporal();
  dir = await mkdtemp(join(tmpdir(), 'cli-'));
});
afterAll(async () => {
  await temporal.close();
  await rm(dir, { recursive: true, force: true });
});

describe('bpo invoice submit', () => {
  it('starts valid invoices, reports bad ones by field, and refuses a resubmission', async () => {
    const good = invoiceDocument();
    const file = join(dir, 'batch.json');
    await writeFile(
      file,
      JSON.stringify([good, { ...invoiceDocument(), invoiceNumber: 'BAD-7', currency: 'EURO', total: 0 }]),
    );
    // No worker: the CLI only starts processing here (the processing itself is tested with bots and a portal).
    const first = await cli('invoice', 'submit', file, '--no-wait');
    expect(first.stdout).toContain(`▶ invoice:V-0001:${good.invoiceNumber} started`);
    expect(first.stdout).toContain('✖ #2 (BAD-7) is invalid, not started');
    expect(first.stdout).toContain('currency: must be a three-letter ISO 4217 code');
    expect(first.code).toBe(2);

    const single = join(dir, 'one.json');
    await writeFile(single, JSON.stringify(good));
    const again = await cli('invoice', 'submit', single, '--json', '--no-wait');
    expect(again.code).toBe(3);
    expect(JSON.parse(again.stdout.trim())).toMatchObject({ outcome: 'duplicate', status: 'RUNNING' });
    await temporal.client.workflow.getHandle(`invoice:V-0001:${good.invoiceNumber}`).terminate('test done');
  });

  it('explains unreadable files and starts nothing', async () => {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "vendorId": ');
    const result = await cli('invoice', 'submit', broken);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.json: is not valid JSON/);
  });

  it('names every bad environment variable at once', async () => {
    const { stderr, code } = await runBpo(['invoice', 'submit', 'x.json'], {
      TEMPORAL_ADDRESS: 'not an address',
      LOG_LEVEL: 'loud',
    });
    expect(code).toBe(2);
    expect(stderr).toContain('TEMPORAL_ADDRESS: must be host:port');
    expect(stderr).toContain('LOG_LEVEL:');
  });
});
