import { createServer, type Server } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  invoiceProcessingResult,
  startInvoiceProcessing,
  type InvoiceTarget,
} from '../client/invoices/start-invoice-processing';
import { loadConfig } from '../platform/config';
import { openTaskStore, type TaskStore } from '../platform/task-store/open-task-store';
import { startPortal } from '../demo/portal/server';
import type { Invoice } from '../schemas/invoices/invoice';
import type { InvoiceProcessingStatus } from '../schemas/invoices/invoice-processing';
import type { TaskState } from '../schemas/engine/human-task';
import { createBotsWorker } from '../workers/bots-worker';
import { mainActivities } from '../workers/main-worker';
import type { DisposableWorker } from '../workers/run-worker-entry';
import { completeTaskUpdate, taskStateQuery } from '../workflows/engine/human-task/messages';
import { taskWorkflowId } from '../workflows/engine/human-task/request';
import { invoiceProcessingStatusQuery, payInvoiceNowSignal } from '../workflows/invoices/invoice-processing';
import { BpoAmount, BpoDueDate } from '../workflows/engine/search-attributes';
import {
  invoiceOf,
  invoiceVendors,
  loadInvoiceMasterData,
  matchingLines,
  testPolicy,
} from './fixtures/invoice-master-data';
import { portalAdmin } from './fixtures/portal-admin';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';
import { actOnTask } from './helpers/signed-task-updates';

let temporal: TestTemporal;
let dir: string;
let portal: Awaited<ReturnType<typeof startPortal>>;
let taskStore: TaskStore;
let main: Worker;
let bots: DisposableWorker;
let running: Promise<unknown>;
let target: InvoiceTarget;
let webhook: Server;
const notifications: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  temporal = await connectTestTemporal();
  dir = await mkdtemp(join(tmpdir(), 'invoices-'));
  portal = await startPortal({ port: 0, dataDir: join(dir, 'portal'), seed: 'empty' });
  await loadInvoiceMasterData(portal);
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      notifications.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  const address = webhook.address() as { port: number };
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    TEMPORAL_NAMESPACE: temporal.namespace,
    PORTAL_URL: portal.url,
    NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${address.port}/hook`,
    BOTS_MAX_CONCURRENT_PAGES: '3',
    BOTS_ACTION_TIMEOUT_MS: '20000',
    // Traces cost time on every action; screenshots and HTML still make the evidence of a failure.
    BOTS_TRACE: 'false',
  });
  taskStore = await openTaskStore(config);
  target = {
    taskQueue: temporal.newTaskQueue('invoices'),
    botsTaskQueue: temporal.newTaskQueue('invoice-bots'),
    policy: testPolicy,
  };
  main = await temporal.createWorker({
    taskQueue: target.taskQueue,
    activities: mainActivities(config, { taskStore }),
  });
  bots = await createBotsWorker(temporal.nativeConnection, config, { queue: target.botsTaskQueue });
  running = Promise.all([main.run(), bots.worker.run()]);
}, 120_000);

afterAll(async () => {
  main?.shutdown();
  bots?.worker.shutdown();
  await running;
  await bots?.dispose();
  await taskStore?.close();
  await portal?.close();
  webhook?.close();
  await temporal?.close();
  await rm(dir, { recursive: true, force: true });
});

const actor = (username: string, ...roles: string[]) => ({ username, roles });
const approve = { decision: 'approve' };

async function start(invoice: Invoice) {
  const started = await startInvoiceProcessing(temporal.client, target, invoice, 'test');
  expect(started.outcome).toBe('started');
  return temporal.client.workflow.getHandle(started.workflowId);
}

/** The BpoStatus values the run upserted, in order (its start value is not an upsert). */
async function publishedStatuses(workflowId: string): Promise<string[]> {
  const history = await temporal.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    const field = e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.BpoStatus;
    return field?.data ? [JSON.parse(Buffer.from(field.data).toString('utf8')) as string] : [];
  });
}

async function statusOf(workflowId: string): Promise<InvoiceProcessingStatus> {
  return (await temporal.client.workflow.getHandle(workflowId).query(invoiceProcessingStatusQuery)).status;
}

/** The task once it exists and is open (the child starts a moment after the parent asks for it). */
async function openTask(workflowId: string, key: string) {
  const task = temporal.client.workflow.getHandle(taskWorkflowId(workflowId, key));
  await expect
    .poll(
      () =>
        task.query(taskStateQuery).then(
          (s) => s.status,
          () => 'missing',
        ),
      { timeout: 60_000, interval: 200 },
    )
    .toBe('open');
  return task;
}

async function postedInPortal(invoice: Invoice): Promise<{ total: number; posted: number; reversed: number }> {
  const counts = await portalAdmin<{ invoicesMatching: { total: number; posted: number; reversed: number } }>(
    portal,
    'GET',
    `/counts?vendorId=${invoice.vendorId}&invoiceNumber=${encodeURIComponent(invoice.invoiceNumber)}`,
  );
  return counts.invoicesMatching;
}

describe('invoice processing with the real portal, bots and people', () => {
  it('happy path: matched, one approver, posted once, paid on the due date (released early by an operator)', async () => {
    const invoice = invoiceOf(
      [...matchingLines, { description: 'Toner cartridge, black', quantity: 4, unitPrice: 89.5, poLineNo: 2 }],
      { poNumber: 'PO-0101', due: 20 },
    );
    // 8 × 24.90 + 4 × 89.50 = 557.20 net, 663.07 gross: lower the auto limit so one approver is needed.
    const policyTarget = { ...target, policy: { ...testPolicy, autoApproveLimit: 500 } };
    const started = await startInvoiceProcessing(temporal.client, policyTarget, invoice, 'test');
    const handle = temporal.client.workflow.getHandle(started.workflowId);

    const task = await openTask(handle.workflowId, 'approval');
    const state = (await task.query(taskStateQuery)) as TaskState;
    expect(state).toMatchObject({ candidateRoles: ['approver'], excludedUsers: ['clerk'], approvalsRequired: 1 });
    await actOnTask(task, completeTaskUpdate, { actor: actor('approver', 'approver'), data: approve });

    await expect.poll(() => statusOf(handle.workflowId), { timeout: 60_000, interval: 250 }).toBe('payment-scheduled');
    const scheduled = await handle.query(invoiceProcessingStatusQuery);
    expect(scheduled.payment).toMatchObject({ payOn: invoice.dueDate, amount: invoice.total, reason: 'due-date' });
    expect(scheduled.match?.differences).toEqual([]);
    expect(await postedInPortal(invoice)).toEqual({ total: 1, posted: 1, reversed: 0 });
    // Findable by status, vendor, amount and due date.
    const query = `BpoStatus = 'payment-scheduled' AND BpoVendor = '${invoice.vendorId}' AND BpoBusinessKey = '${handle.workflowId}'`;
    await expect
      .poll(
        async () => {
          const ids: string[] = [];
          for await (const w of temporal.client.workflow.list({ query })) ids.push(w.workflowId);
          return ids;
        },
        { timeout: 20_000 },
      )
      .toEqual([handle.workflowId]);
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect(attributes.get(BpoAmount)).toBe(invoice.total);
    expect(attributes.get(BpoDueDate)?.toISOString()).toBe(`${invoice.dueDate}T00:00:00.000Z`);

    await handle.signal(payInvoiceNowSignal, { by: 'operator' });
    const result = await invoiceProcessingResult(temporal.client, handle.workflowId);
    expect(result).toMatchObject({
      status: 'paid',
      approvedBy: ['approver'],
      documentNumber: expect.stringMatching(/^DOC-/),
    });
    expect(result.payment?.paymentId).toMatch(/^PAY-/);
    expect(await readdir(join(dir, 'payments'))).toContain(`${result.payment?.paymentId}.json`);
    expect(await postedInPortal(invoice)).toEqual({ total: 1, posted: 1, reversed: 0 });
    // BpoStatus named where the invoice waited, and 'processing' while the engine worked on its own.
    expect(await publishedStatuses(handle.workflowId)).toEqual([
      'awaiting-approval',
      'processing',
      'payment-scheduled',
      'processing',
      'paid',
    ]);
  }, 120_000);

  it('is findable by vendor and amount from its start, before any worker has picked it up', async () => {
    const invoice = invoiceOf(matchingLines, { poNumber: 'PO-0101' });
    const idle = { ...target, taskQueue: temporal.newTaskQueue('nobody-polls') };
    const started = await startInvoiceProcessing(temporal.client, idle, invoice, 'test');
    const handle = temporal.client.workflow.getHandle(started.workflowId);
    try {
      const query = `BpoProcess = 'invoice' AND BpoStatus = 'processing' AND BpoVendor = '${invoice.vendorId}' AND BpoAmount = ${invoice.total} AND BpoBusinessKey = '${started.workflowId}'`;
      await expect
        .poll(
          async () => {
            const ids: string[] = [];
            for await (const w of temporal.client.workflow.list({ query })) ids.push(w.workflowId);
            return ids;
          },
          { timeout: 20_000 },
        )
        .toEqual([started.workflowId]);
      expect((await handle.fetchHistory()).events?.map((e) => e.eventType)).toHaveLength(2); // started, first task scheduled: no worker yet
    } finally {
      await handle.terminate('test over');
    }
  });

  it('auto-approves a small invoice without a person, and takes the early-payment discount', async () => {
    const invoice = invoiceOf(matchingLines, {
      poNumber: 'PO-0101',
      due: 30,
      paymentTerms: { discountPercent: 2, discountDays: 10 },
    });
    const handle = await start(invoice);
    await expect.poll(() => statusOf(handle.workflowId), { timeout: 60_000, interval: 250 }).toBe('payment-scheduled');
    const state = await handle.query(invoiceProcessingStatusQuery);
    expect(state.approvedBy).toEqual(['policy:auto-approve']);
    // 237.05 gross, 2 % = 4.74 off, paid on the tenth day after the invoice date.
    expect(state.payment).toMatchObject({ reason: 'early-payment-discount', discount: 4.74, amount: 232.31 });
    await handle.signal(payInvoiceNowSignal, { by: 'operator' });
    expect(await invoiceProcessingResult(temporal.client, handle.workflowId)).toMatchObject({
      status: 'paid',
      payment: { amount: 232.31 },
    });
    expect(state.steps.map((s) => s.status)).not.toContain('awaiting-approval');
  }, 90_000);

  it('needs two distinct approvers above the dual limit and refuses the submitter and a second sign-off by the same person', async () => {
    const invoice = invoiceOf([{ description: 'Consulting day rate', quantity: 10, unitPrice: 1200 }], {
      submittedBy: 'approver2',
    });
    const handle = await start(invoice);
    const task = await openTask(handle.workflowId, 'approval');
    expect(await task.query(taskStateQuery)).toMatchObject({ approvalsRequired: 2, excludedUsers: ['approver2'] });

    // The submitter never approves their own invoice.
    await expect(
      actOnTask(task, completeTaskUpdate, { actor: actor('approver2', 'approver'), data: approve }),
    ).rejects.toMatchObject({ cause: { type: 'TaskFourEyes' } });
    await actOnTask(task, completeTaskUpdate, { actor: actor('approver', 'approver'), data: approve });
    await expect(
      actOnTask(task, completeTaskUpdate, { actor: actor('approver', 'approver'), data: approve }),
    ).rejects.toMatchObject({ cause: { type: 'TaskFourEyes' } });
    await actOnTask(task, completeTaskUpdate, { actor: actor('manager-approver', 'approver'), data: approve });

    const result = await invoiceProcessingResult(temporal.client, handle.workflowId);
    expect(result.status).toBe('paid');
    expect(result.approvedBy.sort()).toEqual(['approver', 'manager-approver']);
  }, 90_000);

  it('sends a mismatch with the purchase order to a person, side by side, and continues when accepted', async () => {
    // 10 reams invoiced but 8 received; toner 5 % above the order price.
    const invoice = invoiceOf(
      [
        { description: 'Copy paper A4, box of 5 reams', quantity: 10, unitPrice: 24.9, poLineNo: 1 },
        { description: 'Toner cartridge, black', quantity: 1, unitPrice: 93.98, poLineNo: 2 },
      ],
      { poNumber: 'PO-0101' },
    );
    const handle = await start(invoice);
    const task = await openTask(handle.workflowId, 'match-exception');
    const state = (await task.query(taskStateQuery)) as TaskState;
    expect(state.candidateRoles).toEqual(['clerk']);
    const context = state.context as {
      sideBySide: unknown[];
      differences: Array<{ line: number; field: string; invoiced: number; expected: number }>;
    };
    expect(context.differences).toEqual([
      expect.objectContaining({ line: 1, field: 'quantity', invoiced: 10, expected: 8 }),
      expect.objectContaining({ line: 2, field: 'unitPrice', invoiced: 93.98, expected: 89.5 }),
    ]);
    expect(context.sideBySide[0]).toMatchObject({
      invoicedQuantity: 10,
      orderedQuantity: 10,
      receivedQuantity: 8,
      invoicedUnitPrice: 24.9,
      orderedUnitPrice: 24.9,
    });
    await actOnTask(task, completeTaskUpdate, {
      actor: actor('clara', 'clerk'),
      data: { decision: 'approve', comment: 'rest delivered, confirmed by phone' },
    });
    expect(await invoiceProcessingResult(temporal.client, handle.workflowId)).toMatchObject({ status: 'paid' });
  }, 90_000);

  it('rejection: nothing is posted and the submitter is notified', async () => {
    const invoice = invoiceOf([{ description: 'Office chair, ergonomic', quantity: 5, unitPrice: 329 }]);
    const handle = await start(invoice);
    const task = await openTask(handle.workflowId, 'approval');
    await actOnTask(task, completeTaskUpdate, {
      actor: actor('approver', 'approver'),
      data: { decision: 'reject', comment: 'not ordered by us' },
    });
    const result = await invoiceProcessingResult(temporal.client, handle.workflowId);
    expect(result).toMatchObject({ status: 'rejected', reason: 'rejected by approver: not ordered by us' });
    expect(result.documentNumber).toBeUndefined();
    expect(await postedInPortal(invoice)).toEqual({ total: 0, posted: 0, reversed: 0 });
    await expect
      .poll(() => notifications.find((n) => n.businessKey === result.businessKey))
      .toMatchObject({ kind: 'invoice-rejected', to: 'clerk' });
  }, 90_000);

  it('rejects an unknown or inactive vendor, and a changed bank account goes to a person', async () => {
    const unknown = await start(invoiceOf(matchingLines, { vendorId: 'V-0999' }));
    expect(await invoiceProcessingResult(temporal.client, unknown.workflowId)).toMatchObject({
      status: 'rejected',
      reason: 'vendor V-0999 does not exist in the portal',
    });
    const inactive = await start(
      invoiceOf(matchingLines, { vendorId: invoiceVendors.inactive.id, iban: invoiceVendors.inactive.iban }),
    );
    expect(await invoiceProcessingResult(temporal.client, inactive.workflowId)).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('is inactive'),
    });

    const changed = await start(invoiceOf(matchingLines, { iban: invoiceVendors.other.iban }));
    const review = await openTask(changed.workflowId, 'bank-review');
    const state = (await review.query(taskStateQuery)) as TaskState;
    expect(state.candidateRoles).toEqual(['manager']);
    expect(state.context.bankAccount).toEqual({
      onInvoice: invoiceVendors.other.iban,
      inVendorMaster: invoiceVendors.active.iban,
    });
    await actOnTask(review, completeTaskUpdate, {
      actor: actor('manager', 'manager'),
      data: { decision: 'reject', comment: 'vendor confirms no change: fraud attempt' },
    });
    expect(await invoiceProcessingResult(temporal.client, changed.workflowId)).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('fraud attempt'),
    });
  }, 90_000);

  it('compensation: a posting whose payment fails for good is reversed in the portal', async () => {
    const vendor = { ...invoiceVendors.other, email: 'ap@example.com', address: '1 Canal Street', active: true };
    const invoice = invoiceOf(matchingLines, {
      vendorId: vendor.id,
      vendorName: vendor.name,
      iban: vendor.iban,
      due: 15,
    });
    const handle = await start(invoice);
    await expect.poll(() => statusOf(handle.workflowId), { timeout: 60_000, interval: 250 }).toBe('payment-scheduled');
    expect(await postedInPortal(invoice)).toMatchObject({ posted: 1 });

    // Before the payment day the vendor is deactivated: the payment is blocked and the posting must go.
    await portalAdmin(portal, 'POST', '/vendors', { vendors: [{ ...vendor, active: false }] });
    await handle.signal(payInvoiceNowSignal, { by: 'operator' });
    const result = await invoiceProcessingResult(temporal.client, handle.workflowId);
    expect(result).toMatchObject({
      status: 'reversed',
      reason: expect.stringContaining('deactivated before payment'),
      reversalDocumentNumber: expect.stringMatching(/^DOC-/),
    });
    expect(await postedInPortal(invoice)).toEqual({ total: 1, posted: 0, reversed: 1 });
    await expect
      .poll(() => notifications.find((n) => n.businessKey === result.businessKey))
      .toMatchObject({ kind: 'invoice-reversed' });
    await portalAdmin(portal, 'POST', '/vendors', { vendors: [vendor] });
  }, 90_000);

  it('reports a resubmission as a duplicate and never posts twice', async () => {
    const invoice = invoiceOf(matchingLines);
    const first = await startInvoiceProcessing(temporal.client, target, invoice, 'test');
    const again = await startInvoiceProcessing(
      temporal.client,
      target,
      { ...invoice, invoiceNumber: invoice.invoiceNumber.toLowerCase() },
      'test',
    );
    expect(again).toMatchObject({ outcome: 'duplicate', workflowId: first.workflowId });
    expect(await invoiceProcessingResult(temporal.client, first.workflowId)).toMatchObject({ status: 'paid' });
    expect(await startInvoiceProcessing(temporal.client, target, invoice, 'test')).toMatchObject({
      outcome: 'duplicate',
      status: 'COMPLETED',
    });
    expect(await postedInPortal(invoice)).toEqual({ total: 1, posted: 1, reversed: 0 });
  }, 90_000);
});
