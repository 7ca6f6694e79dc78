import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer } from '../../client/api/server';
import { loadConfig, taskQueue as taskQueueOf } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import type { TaskStore } from '../../platform/task-store/task-store';
import { invoiceBusinessKey } from '../../schemas/invoices/invoice';
import { ticketBusinessKey } from '../../schemas/tickets/ticket';
import { login, type ApiSession } from '../helpers/attended';
import { openTestTaskStore } from '../helpers/task-stores';
import { connectTestTemporal, type TestTemporal, workflowExists } from '../helpers/temporal';

/**
 * Item 12, bad input: each attack gets a 4xx that names the field and the rule, and nothing starts. No worker
 * runs here on purpose: whatever the API started would stay visible on this test's task queue.
 */
let temporal: TestTemporal;
let store: TaskStore;
let api: { url: string; close: () => Promise<void> };
let clerk: ApiSession;
let dataDir: string;
let queue: string;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  dataDir = await mkdtemp(join(tmpdir(), 'bad-input-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE_PREFIX: `bad-input-${randomUUID().slice(0, 8)}-`,
  });
  // Launches, invoices and tickets all land on this one queue.
  queue = taskQueueOf(config, 'main');
  store = await openTestTaskStore('pglite');
  const logger = createLogger({ LOG_LEVEL: 'silent', LOG_FORMAT: 'json' }, 'bad-input');
  api = await startApiServer({ config, client: temporal.client, store, logger, port: 0, taskQueue: queue });
  clerk = await login(api.url, 'clerk');
});
afterAll(async () => {
  await api?.close();
  await store?.close();
  await temporal?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Sends raw bytes or text with a content type, as an attacker would; the answer's JSON is parsed. */
async function send(path: string, body: string | Buffer, contentType = 'application/json') {
  const response = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${clerk.token}`, 'content-type': contentType },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked with expect()
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
}

const exists = (workflowId: string) => workflowExists(temporal.client, workflowId);

const expectNoRuns = async (workflowIds: string[]) =>
  expect((await Promise.all(workflowIds.map(exists))).filter(Boolean)).toEqual([]);

const runsOnQueue = async () => (await temporal.client.workflow.count(`TaskQueue = "${queue}"`)).count;

/** An invoice as the API takes it (the submitter is the caller, so the document names none). */
function invoice(overrides: Record<string, unknown> = {}) {
  return {
    vendorId: 'V-0001',
    vendorName: 'Acme Office Supplies GmbH',
    invoiceNumber: `BAD-${randomUUID().slice(0, 8).toUpperCase()}`,
    invoiceDate: '2026-11-02',
    dueDate: '2026-12-02',
    currency: 'EUR',
    lines: [{ description: 'Paper', quantity: 1, unitPrice: 100, taxRate: 19 }],
    subtotal: 100,
    taxTotal: 19,
    total: 119,
    ...overrides,
  };
}
const invoiceId = (body: { vendorId: string; invoiceNumber: string }) => invoiceBusinessKey(body);

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('item 12: nesting depth is limited before parsing', () => {
  it('item 12: a launch body nested 5,000 deep is refused 400 naming the limit; a valid launch after it is the only run', async () => {
    const deep = await send('/api/processes/purchase-request/start', `{"input":{"item":${nested(5_000)}}}`);
    expect(deep.status).toBe(400);
    expect(deep.body.error).toMatchObject({
      code: 'too_deep',
      fields: [{ path: '', message: expect.stringMatching(/deeper than 32 levels/) }],
    });

    // One level over the limit is refused; at the limit the body is parsed and judged by the form.
    const over = await send('/api/processes/purchase-request/start', `{"input":{"item":${nested(31)}}}`);
    expect(over.body.error?.code).toBe('too_deep');
    const atLimit = await send('/api/processes/purchase-request/start', `{"input":{"item":${nested(30)}}}`);
    expect(atLimit.status).toBe(422);
    expect(atLimit.body.error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'item' })]));

    // Brackets inside strings (escaped quotes included) are text, not nesting.
    const inText = await send(
      '/api/processes/purchase-request/start',
      JSON.stringify({ input: { item: `\\"${'['.repeat(150)}`, amount: 5, currency: 'EUR' } }),
    );
    expect(inText.status).toBe(422);
    expect(inText.body.error.fields).toEqual([expect.objectContaining({ path: 'justification' })]);

    // The control: a valid launch starts exactly one run, and it is the only one on the queue.
    const ok = await clerk.call('POST', '/api/processes/purchase-request/start', {
      input: { item: 'Laptop', amount: 800, currency: 'EUR', justification: 'old one broke' },
    });
    expect(ok.status).toBe(201);
    await expect.poll(runsOnQueue).toBe(1);
    expect(await exists(ok.body.workflowId as string)).toBe(true);
  });

  it('item 12: an invoice batch nested deeper than 32 levels is refused 400 and starts nothing', async () => {
    const body = invoice({ vendorName: 'Deep' });
    const text = JSON.stringify({ invoices: [body], extra: JSON.parse(nested(40)) as unknown });
    const deep = await send('/api/invoices', text);
    expect(deep.status).toBe(400);
    expect(deep.body.error.code).toBe('too_deep');
    await expectNoRuns([invoiceId(body)]);
  });
});

describe('item 12: invalid UTF-8 is refused, never replaced', () => {
  const badSequences: Record<string, number[]> = {
    'a stray byte': [0xff],
    'a Latin-1 ß': [0xdf, 0x20],
    'an overlong slash': [0xc0, 0xaf],
    'a lone surrogate': [0xed, 0xa0, 0x80],
    'a cut-off euro sign': [0xe2, 0x82],
  };

  for (const [name, bytes] of Object.entries(badSequences)) {
    it(`item 12: a JSON invoice holding ${name} in vendorName is refused 400 and starts nothing`, async () => {
      const body = invoice({ vendorName: 'Acme MARK GmbH' });
      const [before, after] = JSON.stringify(body).split('MARK') as [string, string];
      const answer = await send(
        '/api/invoices',
        Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]),
      );
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'invalid_encoding', message: expect.stringMatching(/UTF-8/) });
      await expectNoRuns([invoiceId(body)]);
    });
  }

  it('item 12: a CSV batch in Latin-1 is refused 400 and starts nothing; the same batch in UTF-8 is read', async () => {
    const number = `CSV-${randomUUID().slice(0, 8).toUpperCase()}`;
    const header =
      'vendorId,vendorName,invoiceNumber,invoiceDate,dueDate,currency,poNumber,submittedBy,vendorVatId,iban,' +
      'discountPercent,discountDays,subtotal,taxTotal,total,description,quantity,unitPrice,taxRate,poLineNo';
    // The schema refuses the date, so the UTF-8 batch is read and judged but starts nothing either.
    const row = `V-0101,Gro\u00dfhandel GmbH,${number},0001-01-01,2026-12-02,EUR,,,,,,,100.00,7.00,107.00,Books,1,100,7,`;
    const latin1 = await send('/api/invoices', Buffer.from(`${header}\n${row}\n`, 'latin1'), 'text/csv');
    expect(latin1.status).toBe(400);
    expect(latin1.body.error.code).toBe('invalid_encoding');
    const utf8 = await send('/api/invoices', Buffer.from(`${header}\n${row}\n`, 'utf8'), 'text/csv');
    expect(utf8.status).toBe(422);
    expect(utf8.body.outcomes[0].errors).toEqual(
      expect.arrayContaining([{ path: 'invoiceDate', message: 'must be between 1900-01-01 and 2099-12-31' }]),
    );
    await expectNoRuns([invoiceBusinessKey({ vendorId: 'V-0101', invoiceNumber: number })]);
  });
});

describe('item 12: dates outside 1900-01-01 … 2099-12-31 are refused by field', () => {
  it('item 12: an invoice dated 0001-01-01 and due 9999-12-31 is refused naming both fields, and starts nothing', async () => {
    const body = invoice({ invoiceDate: '0001-01-01', dueDate: '9999-12-31' });
    const answer = await clerk.call('POST', '/api/invoices', body);
    expect(answer.status).toBe(422);
    expect(answer.body.outcomes[0]).toMatchObject({
      outcome: 'invalid',
      errors: expect.arrayContaining([
        { path: 'invoiceDate', message: 'must be between 1900-01-01 and 2099-12-31' },
        { path: 'dueDate', message: 'must be between 1900-01-01 and 2099-12-31' },
      ]),
    });
    await expectNoRuns([invoiceId(body)]);
  });

  it('item 12: a ticket received 9999-12-31 with a message sent 0001-01-01 is refused by field, and starts nothing', async () => {
    const ticketId = `BAD-DATE-${randomUUID().slice(0, 8)}`;
    const answer = await clerk.call('POST', '/api/tickets', {
      ticketId,
      subject: 'Where is my refund?',
      receivedAt: '9999-12-31T23:59:59Z',
      messages: [{ from: 'customer@example.com', sentAt: '0001-01-01T00:00:00Z', body: 'Still waiting.' }],
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'receivedAt', message: 'must be between 1900-01-01 and 2099-12-31' },
        { path: 'messages[0].sentAt', message: 'must be between 1900-01-01 and 2099-12-31' },
      ]),
    );
    await expectNoRuns([ticketBusinessKey({ ticketId })]);
  });
});

describe('item 12: items per request are limited, and an oversized request starts nothing', () => {
  it('item 12: 300 invoices in one JSON request are refused naming invoices and the limit of 100; none starts', async () => {
    const bodies = Array.from({ length: 300 }, () => invoice());
    for (const payload of [bodies, { invoices: bodies }]) {
      const answer = await clerk.call('POST', '/api/invoices', payload);
      expect(answer.status).toBe(422);
      expect(answer.body.error).toMatchObject({
        code: 'too_many_items',
        fields: [{ path: 'invoices', message: 'must hold at most 100 items per request (got 300)' }],
      });
    }
    await expectNoRuns(bodies.map(invoiceId));
  });

  it('item 12: 300 invoices in one CSV request are refused naming rows and the limit; none starts', async () => {
    const numbers = Array.from({ length: 300 }, (_, i) => `CSV-${i}-${randomUUID().slice(0, 6).toUpperCase()}`);
    const header =
      'vendorId,vendorName,invoiceNumber,invoiceDate,dueDate,currency,subtotal,taxTotal,total,description,quantity,unitPrice,taxRate';
    const rows = numbers.map(
      (n) => `V-0101,Brightline,${n},2026-11-02,2026-12-02,EUR,100.00,7.00,107.00,Books,1,100,7`,
    );
    const answer = await send('/api/invoices', [header, ...rows].join('\n'), 'text/csv');
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({
      code: 'too_many_items',
      fields: [{ path: 'rows', message: expect.stringMatching(/at most 100 .*\(got 300\)/) }],
    });
    await expectNoRuns(numbers.map((n) => invoiceBusinessKey({ vendorId: 'V-0101', invoiceNumber: n })));
  });

  it('item 12: an invoice with 501 lines is refused naming lines and the limit of 500; it starts nothing', async () => {
    const lines = Array.from({ length: 501 }, (_, i) => ({
      description: `Item ${i}`,
      quantity: 1,
      unitPrice: 1,
      taxRate: 0,
    }));
    const body = invoice({ lines, subtotal: 501, taxTotal: 0, total: 501 });
    const answer = await clerk.call('POST', '/api/invoices', body);
    expect(answer.status).toBe(422);
    expect(answer.body.outcomes[0].errors).toEqual([{ path: 'lines', message: 'must hold at most 500 lines' }]);
    await expectNoRuns([invoiceId(body)]);
  });

  it('item 12: a bulk completion of 201 items is refused naming items and its limit, before any item is tried', async () => {
    const items = Array.from({ length: 201 }, () => ({ taskId: `missing:${randomUUID()}`, data: {} }));
    const answer = await clerk.call('POST', '/api/tasks/bulk-complete', { items });
    expect(answer.status).toBe(422);
    expect(answer.body.error.fields).toEqual([{ path: 'items', message: expect.stringMatching(/200/) }]);
  });
});

describe('item 12: after every refusal above', () => {
  it('the control launch is still the only run this suite started', async () => {
    expect(await runsOnQueue()).toBe(1);
  });
});
