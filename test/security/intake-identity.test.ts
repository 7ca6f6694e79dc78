import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoicePolicyFromConfig } from '../../client/invoices/invoice-policy-config';
import { sweepInvoiceFolder } from '../../client/invoices/watch-invoice-folder';
import { startApiServer } from '../../client/api/server';
import { startPortal } from '../../demo/portal/server';
import { ConfigError, loadConfig, taskQueue, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { openTaskStore, type TaskStore } from '../../platform/task-store/open-task-store';
import type { Invoice } from '../../schemas/invoices/invoice';
import { createBotsWorker } from '../../workers/bots-worker';
import { mainActivities } from '../../workers/main-worker';
import type { DisposableWorker } from '../../workers/run-worker-entry';
import { taskStateQuery } from '../../workflows/engine/human-task/messages';
import { taskWorkflowId } from '../../workflows/engine/human-task/request';
import { invoiceOf, loadInvoiceMasterData } from '../fixtures/invoice-master-data';
import { login } from '../helpers/attended';
import { runBpo } from '../helpers/bpo-cli';
import { connectTestTemporal, terminateRuns, type TestTemporal, workflowExists } from '../helpers/temporal';

/**
 * Item 1: whoever submits an invoice (or requests anything) may not approve it, so the submitter must be the
 * authenticated caller. An approver who writes "submittedBy: clerk" into a document, a CSV column or a drop file
 * is refused and nothing starts; where a document cannot name one (UBL), the caller is the submitter.
 */
let temporal: TestTemporal;
let dir: string;
let portal: Awaited<ReturnType<typeof startPortal>>;
let taskStore: TaskStore;
let main: Worker;
let bots: DisposableWorker;
let running: Promise<unknown>;
let config: Config;
let api: { url: string; close(): Promise<void> };
const started: string[] = [];

beforeAll(async () => {
  temporal = await connectTestTemporal();
  dir = await mkdtemp(join(tmpdir(), 'intake-identity-'));
  portal = await startPortal({ port: 0, dataDir: join(dir, 'portal'), seed: 'empty' });
  await loadInvoiceMasterData(portal);
  config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE_PREFIX: `identity-${randomUUID().slice(0, 8)}-`,
    PORTAL_URL: portal.url,
    // Everything above 100 needs one approver, so the UBL fixture (663.07) waits for a person.
    INVOICE_AUTO_APPROVE_LIMIT: '100',
    BOTS_MAX_CONCURRENT_PAGES: '2',
    BOTS_TRACE: 'false',
  });
  taskStore = await openTaskStore(config);
  main = await temporal.createWorker({
    taskQueue: taskQueue(config, 'main'),
    activities: mainActivities(config, { taskStore }),
  });
  bots = await createBotsWorker(temporal.nativeConnection, config, { queue: taskQueue(config, 'bots') });
  running = Promise.all([main.run(), bots.worker.run()]);
  api = await startApiServer({
    config,
    client: temporal.client,
    store: taskStore,
    logger: createLogger({ LOG_LEVEL: 'warn', LOG_FORMAT: 'json' }, 'api-test'),
    port: 0,
  });
}, 180_000);

afterAll(async () => {
  await terminateRuns(temporal.client, started);
  await api?.close();
  main?.shutdown();
  bots?.worker.shutdown();
  await running;
  await bots?.dispose();
  await taskStore?.close();
  await portal?.close();
  await temporal?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  outcome: string;
  workflowId?: string;
}
interface ApiError {
  error: { code: string; message: string; fields?: Array<{ path: string; message: string }> };
}

const postInvoices = (token: string, contentType: string, body: string) =>
  fetch(`${api.url}/api/invoices`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as ApiError & { outcomes: Outcome[] } }));

const exists = (workflowId: string) => workflowExists(temporal.client, workflowId);

const idOf = (invoice: Pick<Invoice, 'vendorId' | 'invoiceNumber'>) =>
  `invoice:${invoice.vendorId}:${invoice.invoiceNumber}`;

/** An invoice of 1,190 gross (one approver), as a document sends it when it claims a submitter. */
const claimingClerk = () => invoiceOf([{ description: 'Consulting day rate', quantity: 1, unitPrice: 1000 }]);

/** The approval task once it is open, and who it excludes. */
async function openApproval(workflowId: string) {
  const task = temporal.client.workflow.getHandle(taskWorkflowId(workflowId, 'approval'));
  await expect
    .poll(
      () =>
        task.query(taskStateQuery).then(
          (s) => s.status,
          () => 'missing',
        ),
      { timeout: 90_000, interval: 250 },
    )
    .toBe('open');
  return { id: task.workflowId, state: await task.query(taskStateQuery) };
}

describe('the submitter is the authenticated caller', () => {
  it('item 1: an approver cannot submit a JSON invoice as clerk: 422 naming submittedBy, nothing started', async () => {
    const { token } = await login(api.url, 'approver');
    const invoice = claimingClerk();
    expect(invoice.submittedBy).toBe('clerk');
    const single = await postInvoices(token, 'application/json', JSON.stringify(invoice));
    expect(single.status).toBe(422);
    expect(single.body.error).toMatchObject({
      code: 'submitter_in_document',
      fields: [{ path: 'submittedBy', message: expect.stringContaining('is set from your login') }],
    });
    expect(await exists(idOf(invoice))).toBe(false);

    // One claiming item refuses the whole batch: nothing of it starts under a borrowed name.
    const { submittedBy: _s, ...honest } = claimingClerk();
    const batch = await postInvoices(token, 'application/json', JSON.stringify({ invoices: [honest, invoice] }));
    expect(batch.status).toBe(422);
    expect(batch.body.error.fields).toEqual([{ path: '[1].submittedBy', message: expect.any(String) }]);
    expect(await exists(idOf(honest))).toBe(false);
    expect(await exists(idOf(invoice))).toBe(false);
  });

  it('item 1: an approver cannot submit as clerk through a CSV submittedBy column; nothing started', async () => {
    const { token } = await login(api.url, 'approver');
    const number = `INV-${randomUUID().slice(0, 8).toUpperCase()}`;
    const csv = [
      'vendorId,vendorName,invoiceNumber,invoiceDate,dueDate,currency,submittedBy,subtotal,taxTotal,total,description,quantity,unitPrice,taxRate',
      `V-0101,Brightline Office GmbH,${number},2026-11-02,2026-12-02,EUR,clerk,1000.00,190.00,1190.00,Consulting,1,1000,19`,
    ].join('\n');
    const res = await postInvoices(token, 'text/csv', csv);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'submitter_in_document',
      fields: [{ path: 'row 2.submittedBy', message: expect.stringContaining('is set from your login') }],
    });
    expect(await exists(`invoice:V-0101:${number}`)).toBe(false);
  });

  it('item 1: a UBL invoice naming a buyer contact is submitted as the caller, who then cannot approve it', async () => {
    const approver = await login(api.url, 'approver');
    const number = `UBL-${randomUUID().slice(0, 8).toUpperCase()}`;
    // The buyer's contact and reference say "clerk": the intake does not read identity from the document.
    const xml = (await readFile(join(__dirname, '../fixtures/invoice-files/ubl-invoice.xml'), 'utf8'))
      .replace('UBL-2026-001', number)
      .replace(
        '<cac:OrderReference>',
        '<cbc:BuyerReference>clerk</cbc:BuyerReference><cac:AccountingCustomerParty><cac:Party><cac:Contact><cbc:Name>clerk</cbc:Name></cac:Contact></cac:Party></cac:AccountingCustomerParty><cac:OrderReference>',
      );
    const res = await postInvoices(approver.token, 'application/xml', xml);
    expect(res.body.outcomes).toEqual([expect.objectContaining({ outcome: 'started' })]);
    const workflowId = res.body.outcomes[0]?.workflowId as string;
    started.push(workflowId);

    const task = await openApproval(workflowId);
    expect(task.state.excludedUsers).toEqual(['approver']);
    const before = await approver.call('GET', `/api/tasks/${encodeURIComponent(task.id)}`);
    expect(before.status).toBe(200);
    const own = await approver.call('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, {
      data: { decision: 'approve' },
    });
    expect(own.status).toBe(403);
    expect((own.body as unknown as ApiError).error.code).toBe('four_eyes');
    // Refused without a trace: the task is open, unchanged, with no sign-off.
    const after = await temporal.client.workflow.getHandle(task.id).query(taskStateQuery);
    expect(after).toMatchObject({ status: 'open', version: task.state.version, signOffs: [] });

    const other = await login(api.url, 'approver2');
    const approved = await other.call('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, {
      data: { decision: 'approve' },
    });
    expect(approved.status).toBe(200);
  }, 120_000);

  it('item 1: the drop folder submits as its service identity, and a file naming a submitter starts nothing', async () => {
    const folder = join(dir, 'drop');
    const { submittedBy: _s, ...honest } = claimingClerk();
    const claiming = claimingClerk();
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'a-claims-clerk.json'), JSON.stringify(claiming));
    await writeFile(join(folder, 'b-honest.json'), JSON.stringify(honest));
    const target = {
      taskQueue: taskQueue(config, 'main'),
      botsTaskQueue: taskQueue(config, 'bots'),
      policy: invoicePolicyFromConfig(config),
    };
    const reports = await sweepInvoiceFolder(temporal.client, target, folder, config.DROP_FOLDER_IDENTITY);
    expect(reports.map((r) => [r.file, r.outcome, r.items.map((i) => i.outcome)])).toEqual([
      ['a-claims-clerk.json', 'failed', []],
      ['b-honest.json', 'done', ['started']],
    ]);
    started.push(idOf(honest));
    expect(await readdir(join(folder, 'failed'))).toEqual(['a-claims-clerk.json', 'a-claims-clerk.json.report.json']);
    const report = JSON.parse(await readFile(join(folder, 'failed', 'a-claims-clerk.json.report.json'), 'utf8'));
    expect(report).toMatchObject({ fields: [{ path: 'submittedBy' }], error: expect.stringContaining('submitter') });
    expect(await exists(idOf(claiming))).toBe(false);

    const task = await openApproval(idOf(honest));
    expect(config.DROP_FOLDER_IDENTITY).toBe('svc-drop-folder');
    expect(task.state.excludedUsers).toEqual(['svc-drop-folder']);
  }, 120_000);

  it('item 1: `bpo invoice submit` refuses a file naming a submitter and submits as CLI_IDENTITY otherwise', async () => {
    const env = {
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TASK_QUEUE_PREFIX: config.TEMPORAL_TASK_QUEUE_PREFIX,
      LOG_LEVEL: 'warn',
    };
    const claiming = claimingClerk();
    const claimingFile = join(dir, 'cli-claims-clerk.json');
    await writeFile(claimingFile, JSON.stringify(claiming));
    const refused = await runBpo(['invoice', 'submit', claimingFile, '--no-wait'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/names who submits it/);
    expect(await exists(idOf(claiming))).toBe(false);

    const { submittedBy: _s, ...honest } = claimingClerk();
    const honestFile = join(dir, 'cli-honest.json');
    await writeFile(honestFile, JSON.stringify(honest));
    const accepted = await runBpo(['invoice', 'submit', honestFile, '--no-wait'], env);
    expect(accepted.code).toBe(0);
    started.push(idOf(honest));
    const task = await openApproval(idOf(honest));
    expect(task.state.excludedUsers).toEqual(['svc-cli']);
  }, 180_000);

  it('item 1: a service identity must be named as one, so it can never be a person who approves', () => {
    expect(() => loadConfig({ DROP_FOLDER_IDENTITY: 'approver' })).toThrow(ConfigError);
    expect(() => loadConfig({ CLI_IDENTITY: 'clerk' })).toThrow(/CLI_IDENTITY/);
    expect(loadConfig({}).CLI_IDENTITY).toBe('svc-cli');
  });

  it('item 1: a launcher form that names requestedBy does not choose the requester', async () => {
    const manager = await login(api.url, 'manager');
    const res = await manager.call('POST', '/api/processes/purchase-request/start', {
      input: { item: 'Standing desk', amount: 400, currency: 'EUR', justification: 'back pain', requestedBy: 'clerk' },
    });
    expect(res.status).toBe(201);
    const workflowId = res.body.workflowId as string;
    started.push(workflowId);
    const task = await openApproval(workflowId);
    expect(task.state.excludedUsers).toEqual(['manager']);
    expect(task.state.context).toMatchObject({ requestedBy: 'manager' });
  });
});
