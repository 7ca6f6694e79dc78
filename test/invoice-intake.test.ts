import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedgerActivities } from '../activities/invoices/ledger';
import { invoiceResult, submitInvoice } from '../client/invoices/submit-invoice';
import { invoiceBusinessKey } from '../schemas/invoices/invoice';
import { invoiceStatusQuery } from '../workflows/invoices/invoice-intake';
import { invoiceDocument, sampleInvoice } from './fixtures/invoices';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

let temporal: TestTemporal;
let ledgerDir: string;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  ledgerDir = await mkdtemp(join(tmpdir(), 'ledger-'));
});
afterAll(async () => {
  await temporal.close();
  await rm(ledgerDir, { recursive: true, force: true });
});

async function withMainWorker<T>(fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = temporal.newTaskQueue('intake');
  const worker = await temporal.createWorker({ taskQueue, activities: createLedgerActivities({ dir: ledgerDir }) });
  return worker.runUntil(fn(taskQueue));
}

describe('invoice intake on a real Temporal server', () => {
  it('registers a valid invoice once and makes it findable', async () => {
    const invoice = sampleInvoice();
    await withMainWorker(async (taskQueue) => {
      const started = await submitInvoice(temporal.client, taskQueue, invoice);
      expect(started.outcome).toBe('started');
      const result = await invoiceResult(temporal.client, started.workflowId);
      expect(result).toMatchObject({
        businessKey: invoiceBusinessKey(invoice),
        status: 'registered',
        alreadyInLedger: false,
        total: 509.32,
      });

      const handle = temporal.client.workflow.getHandle(started.workflowId);
      expect(await handle.query(invoiceStatusQuery)).toMatchObject({
        status: 'registered',
        ledgerEntryId: result.ledgerEntryId,
      });
      const description = await handle.describe();
      expect(description.searchAttributes).toMatchObject({
        BpoStatus: ['registered'],
        BpoVendor: ['V-0001'],
        BpoAmount: [509.32],
      });
    });
    expect((await readdir(ledgerDir)).filter((f) => f.endsWith('.json'))).toContain(
      `${(await createLedgerActivities({ dir: ledgerDir }).getLedgerEntry({ businessKey: invoiceBusinessKey(invoice) }))?.entryId}.json`,
    );
  });

  it('reports a resubmission as a duplicate and never runs it twice', async () => {
    const invoice = sampleInvoice();
    await withMainWorker(async (taskQueue) => {
      const first = await submitInvoice(temporal.client, taskQueue, invoice);
      await invoiceResult(temporal.client, first.workflowId);
      // Same vendor and number, different spelling of the number: still the same invoice.
      const again = await submitInvoice(temporal.client, taskQueue, {
        ...invoice,
        invoiceNumber: invoice.invoiceNumber.toLowerCase(),
      });
      expect(again).toEqual({ outcome: 'duplicate', workflowId: first.workflowId, status: 'COMPLETED' });

      const runs = [];
      for await (const run of temporal.client.workflow.list({ query: `WorkflowId = '${first.workflowId}'` }))
        runs.push(run);
      expect(runs).toHaveLength(1);
    });
  });

  it('writes a ledger entry only once even when the activity runs again', async () => {
    const ledger = createLedgerActivities({ dir: ledgerDir });
    const invoice = sampleInvoice();
    const businessKey = invoiceBusinessKey(invoice);
    const env = new MockActivityEnvironment();
    type Registered = Awaited<ReturnType<typeof ledger.registerInvoice>>;
    const [a, b] = (await Promise.all([
      env.run(ledger.registerInvoice, { businessKey, invoice }),
      env.run(ledger.registerInvoice, { businessKey, invoice }),
    ])) as [Registered, Registered];
    expect([a.alreadyPresent, b.alreadyPresent].sort()).toEqual([false, true]);
    expect(a.entryId).toBe(b.entryId);
    expect((await readdir(ledgerDir)).filter((f) => f.startsWith(a.entryId))).toHaveLength(1);
  });

  it('starts nothing for an invoice that fails validation', async () => {
    const { validateInvoices } = await import('../client/invoices/read-invoice-file');
    const bad = { ...invoiceDocument(), total: 1 };
    const [parsed] = validateInvoices([bad], { submittedBy: 'clerk' });
    expect(parsed?.ok).toBe(false);
    await expect(temporal.client.workflow.getHandle(invoiceBusinessKey(bad)).describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  });
});
