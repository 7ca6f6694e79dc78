import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInvoiceDocument, readInvoiceFile } from '../client/invoices/read-invoice-file';
import { startInvoiceBatch } from '../client/invoices/start-invoice-processing';
import { sweepInvoiceFolder } from '../client/invoices/watch-invoice-folder';
import { defaultInvoicePolicy } from '../schemas/invoices/invoice-policy';
import { callApi, login, startAttendedStack, type AttendedStack } from './helpers/attended';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

const files = join(__dirname, 'fixtures/invoice-files');
const clerk = { submittedBy: 'clerk' };
const errorsOf = (parsed: ReturnType<typeof parseInvoiceDocument>, index = 0) => {
  const item = parsed[index];
  return item && !item.ok ? item.errors.map((e) => `${e.path}: ${e.message}`) : [];
};

describe('invoice intake formats', () => {
  it('reads a UBL 2.1 invoice: supplier, VAT id, IBAN, PO line references and the early-payment discount', async () => {
    const [item] = await readInvoiceFile(join(files, 'ubl-invoice.xml'), clerk);
    expect(item).toMatchObject({
      ok: true,
      invoice: {
        vendorId: 'V-0101',
        invoiceNumber: 'UBL-2026-001',
        vendorVatId: 'DE123456789',
        iban: 'DE89370400440532013000',
        poNumber: 'PO-0101',
        paymentTerms: { discountPercent: 2, discountDays: 10 },
        total: 663.07,
        submittedBy: 'clerk',
      },
    });
    expect(item?.ok && item.invoice.lines.map((l) => l.poLineNo)).toEqual([1, 2]);
  });

  it('reads a CSV batch as one invoice per row group', async () => {
    const parsed = await readInvoiceFile(join(files, 'batch.csv'), clerk);
    expect(parsed.map((p) => [p.label, p.ok])).toEqual([
      ['rows 2-3 (CSV-1)', true],
      ['row 4 (CSV-2)', true],
    ]);
    expect(parsed[0]?.ok && parsed[0].invoice.lines).toHaveLength(2);
    expect(parsed[1]?.ok && parsed[1].invoice.paymentTerms).toEqual({ discountPercent: 2, discountDays: 10 });
  });

  it('names the field and the reason in a bad UBL invoice, and refuses a document that is not one', async () => {
    const good = await readFile(join(files, 'ubl-invoice.xml'), 'utf8');
    const bad = good
      .replace('DE89 3704 0044 0532 0130 00', 'DE89 3704 0044 0532 0130 01')
      .replace('<cbc:CompanyID>DE123456789</cbc:CompanyID>', '<cbc:CompanyID>DE12345</cbc:CompanyID>')
      .replace(
        '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>',
        '<cbc:DocumentCurrencyCode>XYZ</cbc:DocumentCurrencyCode>',
      )
      .replace('<cbc:DueDate>2026-12-02</cbc:DueDate>', '<cbc:DueDate>2026-02-30</cbc:DueDate>');
    const errors = errorsOf(parseInvoiceDocument(bad, 'ubl', 'bad.xml', clerk));
    expect(errors).toEqual(
      expect.arrayContaining([
        'iban: is not a valid IBAN (wrong length for its country or wrong check digits)',
        'vendorVatId: is not a valid DE VAT id',
        'currency: is not a known ISO 4217 currency code',
        'dueDate: must be a date as YYYY-MM-DD',
      ]),
    );
    const wrongTax = good.replace(
      '<cbc:TaxAmount currencyID="EUR">105.87</cbc:TaxAmount>',
      '<cbc:TaxAmount currencyID="EUR">105.86</cbc:TaxAmount>',
    );
    expect(errorsOf(parseInvoiceDocument(wrongTax, 'ubl', 'tax.xml', clerk))).toEqual([
      'taxTotal: is 105.86 but the lines add up to 105.87',
    ]);
    expect(() => parseInvoiceDocument('<Order><ID>1</ID></Order>', 'ubl', 'order.xml', clerk)).toThrow(
      /order\.xml: is not a UBL Invoice \(root element: Order\)/,
    );
    expect(() => parseInvoiceDocument('<Invoice><ID>1</Invoice>', 'ubl', 'broken.xml', clerk)).toThrow(
      /broken\.xml: is not well-formed XML/,
    );
  });

  it('names the field and the reason in a bad CSV group, and keeps the good ones', () => {
    const csv = [
      'vendorId,vendorName,invoiceNumber,invoiceDate,dueDate,currency,subtotal,taxTotal,total,description,quantity,unitPrice,taxRate',
      'V-0101,Brightline,C-1,2026-11-02,2026-12-02,EUR,10.00,1.90,11.90,Pens,1,10,19',
      'V-0101,Brightline,C-2,2026-11-02,2026-10-02,EUR,10.00,1.90,11.91,Pens,one,10,19',
      'V-0101,Brightline,C-3,2026-11-02,2026-12-02,EUR,10.00,1.90,11.90,Pens,1,11,19',
    ].join('\n');
    const parsed = parseInvoiceDocument(csv, 'csv', 'batch.csv', clerk);
    expect(parsed.map((p) => p.ok)).toEqual([true, false, false]);
    expect(errorsOf(parsed, 1)).toEqual(['lines[0].quantity: Invalid input: expected number, received string']);
    expect(errorsOf(parsed, 2)).toEqual(expect.arrayContaining(['subtotal: is 10 but the lines add up to 11']));
    expect(() => parseInvoiceDocument('a,b\n"unclosed', 'csv', 'broken.csv', clerk)).toThrow(
      /broken\.csv: is not valid CSV/,
    );
  });

  it('names the field and the reason in bad JSON, and refuses text that is not JSON', () => {
    const parsed = parseInvoiceDocument(
      JSON.stringify({ vendorId: 'ACME', invoiceNumber: 'J-1', lines: [] }),
      'json',
      'one.json',
      clerk,
    );
    expect(errorsOf(parsed)).toEqual(
      expect.arrayContaining([
        'vendorId: must look like V-0001',
        'lines: must hold at least one line',
        'invoiceDate: must be a date as YYYY-MM-DD',
      ]),
    );
    expect(() => parseInvoiceDocument('{ "vendorId": ', 'json', 'broken.json', clerk)).toThrow(
      /broken\.json: is not valid JSON/,
    );
  });
});

describe('a batch of 100 invoices with a few bad ones', () => {
  let temporal: TestTemporal;
  beforeAll(async () => {
    temporal = await connectTestTemporal();
  });
  afterAll(async () => temporal?.close());

  it('starts the 96 good ones, reports the 4 bad ones by row and field, and reports all 96 as duplicates when sent again', async () => {
    const run = randomUUID().slice(0, 6).toUpperCase();
    const header =
      'vendorId,vendorName,invoiceNumber,invoiceDate,dueDate,currency,iban,subtotal,taxTotal,total,description,quantity,unitPrice,taxRate';
    const bad = new Set([7, 33, 58, 91]);
    const rows = Array.from({ length: 100 }, (_, i) => {
      const n = i + 1;
      const iban = n === 33 ? 'DE00370400440532013000' : 'DE89370400440532013000';
      const total = n === 7 ? '12.00' : '11.90';
      const currency = n === 58 ? 'EURO' : 'EUR';
      const due = n === 91 ? '2026-13-01' : '2026-12-02';
      return `V-0101,Brightline,B${run}-${n},2026-11-02,${due},${currency},${iban},10.00,1.90,${total},Pens,1,10,19`;
    });
    const parsed = parseInvoiceDocument([header, ...rows].join('\n'), 'csv', 'hundred.csv', clerk);
    expect(parsed).toHaveLength(100);
    // No worker polls this queue: the figure is intake (validation, business keys, duplicate detection), not processing.
    const target = {
      taskQueue: temporal.newTaskQueue('intake-batch'),
      botsTaskQueue: 'unused',
      policy: defaultInvoicePolicy,
    };
    const first = await startInvoiceBatch(temporal.client, target, parsed, 'test');
    expect(first.filter((o) => o.outcome === 'started')).toHaveLength(96);
    const invalid = first.filter((o) => o.outcome === 'invalid');
    expect(invalid.map((o) => o.item)).toEqual([...bad]);
    expect(invalid.map((o) => (o.outcome === 'invalid' ? o.errors[0]?.path : ''))).toEqual([
      'total',
      'iban',
      'currency',
      'dueDate',
    ]);

    const again = await startInvoiceBatch(temporal.client, target, parsed, 'test');
    expect(again.filter((o) => o.outcome === 'duplicate')).toHaveLength(96);
    await Promise.all(
      first
        .filter((o) => o.outcome === 'started')
        .map((o) =>
          temporal.client.workflow.getHandle(o.outcome === 'started' ? o.workflowId : '').terminate('test done'),
        ),
    );
  }, 120_000);
});

describe('invoice intake over the HTTP API', () => {
  let temporal: TestTemporal;
  let stack: AttendedStack;
  beforeAll(async () => {
    temporal = await connectTestTemporal();
    stack = await startAttendedStack(temporal);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await temporal?.close();
  });

  const post = (token: string, contentType: string, body: string) =>
    fetch(`${stack.url}/api/invoices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { outcomes: Array<{ outcome: string; workflowId?: string; errors?: unknown[] }> },
    }));

  it('takes CSV and UBL documents, answers per item, reports duplicates, and shows the status', async () => {
    const { token } = await login(stack.url, 'clerk');
    const run = randomUUID().slice(0, 6).toUpperCase();
    const csv = (await readFile(join(files, 'batch.csv'), 'utf8'))
      .replaceAll('CSV-', `API${run}-`)
      .replace('Books,1,100,7,', 'Books,1,100,19,');
    const first = await post(token, 'text/csv', csv);
    expect(first.status).toBe(201);
    expect(first.body.outcomes.map((o) => o.outcome)).toEqual(['started', 'invalid']);
    const xml = (await readFile(join(files, 'ubl-invoice.xml'), 'utf8')).replace('UBL-2026-001', `UBL-${run}`);
    const ubl = await post(token, 'application/xml', xml);
    expect(ubl.body.outcomes).toEqual([
      expect.objectContaining({ outcome: 'started', workflowId: `invoice:V-0101:UBL-${run}` }),
    ]);
    expect((await post(token, 'application/xml', xml)).body.outcomes[0]?.outcome).toBe('duplicate');
    expect((await post(token, 'text/plain', 'hello')).status).toBe(422);

    const status = await callApi(
      stack.url,
      'GET',
      `/api/invoices/${encodeURIComponent(`invoice:V-0101:UBL-${run}`)}/status`,
      undefined,
      token,
    );
    expect(status.body).toMatchObject({ businessKey: `invoice:V-0101:UBL-${run}`, vendorId: 'V-0101', total: 663.07 });
    // No bots run here: the started invoices wait for their first bot step and are ended by the test.
    for (const o of [...first.body.outcomes, ...ubl.body.outcomes])
      if (o.workflowId) await temporal.client.workflow.getHandle(o.workflowId).terminate('test done');
  }, 60_000);
});

describe('the invoice drop folder', () => {
  let temporal: TestTemporal;
  let folder: string;
  beforeAll(async () => {
    temporal = await connectTestTemporal();
    folder = await mkdtemp(join(tmpdir(), 'invoice-drop-'));
  });
  afterAll(async () => {
    await temporal?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('starts the invoices of each dropped file, moves it to done/ or failed/ with a report, and ignores other files', async () => {
    const run = randomUUID().slice(0, 6).toUpperCase();
    await writeFile(
      join(folder, 'batch.csv'),
      (await readFile(join(files, 'batch.csv'), 'utf8')).replaceAll('CSV-', `DROP${run}-`),
    );
    await writeFile(join(folder, 'broken.xml'), '<Invoice><ID>1</Invoice>');
    await writeFile(join(folder, 'notes.txt'), 'not an invoice');
    const target = { taskQueue: temporal.newTaskQueue('drop'), botsTaskQueue: 'unused', policy: defaultInvoicePolicy };
    const reports = await sweepInvoiceFolder(temporal.client, target, folder, 'svc-drop-folder');
    expect(reports.map((r) => [r.file, r.outcome, r.items.map((i) => i.outcome)])).toEqual([
      ['batch.csv', 'done', ['started', 'started']],
      ['broken.xml', 'failed', []],
    ]);
    expect((await readdir(join(folder, 'done'))).sort()).toEqual(['batch.csv', 'batch.csv.report.json']);
    expect(JSON.parse(await readFile(join(folder, 'failed', 'broken.xml.report.json'), 'utf8'))).toMatchObject({
      error: expect.stringContaining('not well-formed XML'),
    });
    expect(await readdir(folder)).toContain('notes.txt');
    // Dropped again: recognised by business key, nothing starts twice.
    await writeFile(
      join(folder, 'again.csv'),
      (await readFile(join(files, 'batch.csv'), 'utf8')).replaceAll('CSV-', `DROP${run}-`),
    );
    const again = await sweepInvoiceFolder(temporal.client, target, folder, 'svc-drop-folder');
    expect(again[0]?.items.map((i) => i.outcome)).toEqual(['duplicate', 'duplicate']);
    for (const item of reports[0]?.items ?? [])
      if (item.outcome === 'started') await temporal.client.workflow.getHandle(item.workflowId).terminate('test done');
  }, 60_000);
});
