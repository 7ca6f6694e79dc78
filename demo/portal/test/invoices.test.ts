import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { SEED_INACTIVE_VENDOR_ID } from '../store';
import {
  admin,
  alerts,
  buttons,
  controlByLabel,
  PortalClient,
  portalSuite,
  statuses,
  tableRows,
  testIdText,
} from './portal-client';

const HEADER = {
  vendorId: 'V-0001',
  invoiceNumber: 'INV-2026-5001',
  invoiceDate: '2026-11-02',
  dueDate: '2026-12-02',
  currency: 'EUR',
  purchaseOrderId: '',
  invoiceTotal: '1249.50',
};
// 2 × 450.00 @ 19 % = 1071.00 gross; 1 × 166.82 @ 7 % = 178.50 gross (178.4974 rounded) → 1249.50
const LINES = [
  { description: 'Consulting, October', quantity: '2', unitPrice: '450.00', taxRate: '19' },
  { description: 'Travel costs', quantity: '1', unitPrice: '166.82', taxRate: '7' },
];

type Counts = { invoicesMatching: { total: number; posted: number; reversed: number }; invoices: { total: number } };

describe('portal invoice entry', () => {
  const suite = portalSuite('clerk', 'clerk-pass');

  const counts = async (vendorId = HEADER.vendorId, invoiceNumber = HEADER.invoiceNumber) =>
    (await admin<Counts>(suite.portal, 'GET', `/admin/counts?vendorId=${vendorId}&invoiceNumber=${invoiceNumber}`))
      .json;

  /** Steps 1 and 2; returns the draft's base path. */
  async function enterDraft(header = HEADER, lines = LINES): Promise<string> {
    const step1 = await suite.client.post('/invoices/new', header);
    expect(step1.status, alerts(step1.body).join()).toBe(303);
    const base = (step1.location as string).replace(/\/lines$/, '');
    for (const line of lines) {
      const added = await suite.client.post(`${base}/lines`, line);
      expect(added.status, alerts(added.body).join()).toBe(303);
    }
    return base;
  }

  async function postInvoice(header = HEADER, lines = LINES): Promise<string> {
    const base = await enterDraft(header, lines);
    const review = await suite.client.post(`${base}/review`);
    expect(review.location).toBe(`${base}/review`);
    const posted = await suite.client.post(`${base}/post`);
    expect(posted.status).toBe(303);
    const doc = /^\/invoices\/(DOC-\d+)\/confirmation$/.exec(posted.location as string)?.[1];
    expect(doc).toBeDefined();
    return doc as string;
  }

  it('labels every field of the three steps', async () => {
    const step1 = await suite.client.get('/invoices/new?vendorId=V-0003');
    for (const [label, name] of [
      ['Vendor ID', 'vendorId'],
      ['Invoice number', 'invoiceNumber'],
      ['Invoice date', 'invoiceDate'],
      ['Due date', 'dueDate'],
      ['Currency', 'currency'],
      ['PO number (optional)', 'purchaseOrderId'],
      ['Invoice total (gross)', 'invoiceTotal'],
    ] as const) {
      expect(controlByLabel(step1.body, label)?.name, label).toBe(name);
    }
    expect(step1.body).toMatch(/name="vendorId"[^>]*value="V-0003"/);
    expect(buttons(step1.body)).toContain('Next: lines');

    const base = await enterDraft(HEADER, []);
    const step2 = await suite.client.get(`${base}/lines`);
    for (const [label, name] of [
      ['Description', 'description'],
      ['Quantity', 'quantity'],
      ['Unit price', 'unitPrice'],
      ['Tax rate (%)', 'taxRate'],
    ] as const) {
      expect(controlByLabel(step2.body, label)?.name, label).toBe(name);
    }
    expect(buttons(step2.body)).toEqual(expect.arrayContaining(['Add line', 'Next: review']));
  });

  it('posts an invoice in three steps and shows its document number', async () => {
    const base = await enterDraft();
    const lines = await suite.client.get(`${base}/lines`);
    expect(tableRows(lines.body, 'Invoice lines').map((r) => r['Gross amount'])).toEqual(['1071.00', '178.50']);
    expect(buttons(lines.body)).toEqual(expect.arrayContaining(['Remove line 1', 'Remove line 2']));

    const review = await suite.client.follow(await suite.client.post(`${base}/review`));
    expect(testIdText(review.body, 'review-net-total')).toBe('1066.82');
    expect(testIdText(review.body, 'review-tax-total')).toBe('182.68');
    expect(testIdText(review.body, 'review-gross-total')).toBe('1249.50');
    expect(buttons(review.body)).toContain('Post invoice');

    const posted = await suite.client.post(`${base}/post`);
    expect(posted.location).toBe('/invoices/DOC-000005/confirmation');
    const confirmation = await suite.client.get(posted.location as string);
    expect(statuses(confirmation.body)).toEqual([
      'Invoice INV-2026-5001 from vendor V-0001 was posted as document DOC-000005.',
    ]);
    expect(testIdText(confirmation.body, 'document-number')).toBe('DOC-000005');

    // Posting the same draft again (a retried click) returns the same document, nothing new is booked.
    const again = await suite.client.post(`${base}/post`);
    expect(again.location).toBe('/invoices/DOC-000005/confirmation');
    expect((await counts()).invoicesMatching).toEqual({ total: 1, posted: 1, reversed: 0 });

    // Idempotent look-up by vendor and invoice number.
    const search = await suite.client.get('/invoices?vendorId=V-0001&invoiceNumber=inv-2026-5001');
    expect(tableRows(search.body, 'Invoices')).toEqual([
      expect.objectContaining({
        'Document number': 'DOC-000005',
        'Invoice number': 'INV-2026-5001',
        'Gross total': '1249.50',
        Status: 'Posted',
      }),
    ]);
  });

  it('posts the same draft once even when "Post invoice" arrives twice at the same time', async () => {
    const base = await enterDraft();
    const [a, b] = await Promise.all([suite.client.post(`${base}/post`), suite.client.post(`${base}/post`)]);
    expect(a.location).toBe(b.location);
    expect((await counts()).invoicesMatching.posted).toBe(1);
  });

  it.each([
    ['unknown vendor', { vendorId: 'V-9999' }, 'Vendor V-9999 does not exist'],
    [
      'inactive vendor',
      { vendorId: SEED_INACTIVE_VENDOR_ID },
      `Vendor ${SEED_INACTIVE_VENDOR_ID} (Obsolete Supplies GmbH) is inactive`,
    ],
    ['missing invoice number', { invoiceNumber: ' ' }, 'Invoice number is required'],
    ['impossible date', { invoiceDate: '2026-02-30' }, 'Invoice date "2026-02-30" is not a valid date'],
    ['due before invoice date', { dueDate: '2026-10-01' }, 'Due date must be on or after the invoice date'],
    ['unknown currency', { currency: 'XYZ' }, 'Currency XYZ is not supported'],
    ['unknown PO', { purchaseOrderId: 'PO-9999' }, 'Purchase order PO-9999 does not exist'],
    ['PO of another vendor', { purchaseOrderId: 'PO-0002' }, 'belongs to vendor'],
    ['total not a number', { invoiceTotal: '1.249,50' }, 'Invoice total "1.249,50" is not a number'],
  ])('refuses a header with %s', async (_case, change, message) => {
    const refused = await suite.client.post('/invoices/new', { ...HEADER, ...change });
    expect(refused.status).toBe(422);
    expect(alerts(refused.body)[0]).toContain(message);
  });

  it.each([
    ['no description', { description: '' }, 'Description is required'],
    ['zero quantity', { quantity: '0' }, 'Quantity must be greater than zero'],
    ['price not a number', { unitPrice: 'abc' }, 'Unit price "abc" is not a number'],
    ['tax rate out of range', { taxRate: '119' }, 'Tax rate must be between 0 and 100 percent'],
  ])('refuses a line with %s', async (_case, change, message) => {
    const base = await enterDraft(HEADER, []);
    const refused = await suite.client.post(`${base}/lines`, { ...LINES[0], ...change });
    expect(refused.status).toBe(422);
    expect(alerts(refused.body)[0]).toContain(message);
    expect(tableRows(refused.body, 'Invoice lines')).toEqual([]);
  });

  it('refuses to review when the lines do not add up to the invoice total', async () => {
    const base = await enterDraft({ ...HEADER, invoiceTotal: '1300.00' });
    const refused = await suite.client.post(`${base}/review`);
    expect(refused.status).toBe(422);
    expect(alerts(refused.body)[0]).toContain(
      'The lines add up to 1249.50 EUR gross, but the invoice total is 1300.00 EUR',
    );
    const empty = await enterDraft(HEADER, []);
    expect(alerts((await suite.client.post(`${empty}/review`)).body)[0]).toContain('Add at least one line');
    // Removing a line and fixing the header total makes it pass.
    await suite.client.post(`${base}/lines/2/remove`);
    await suite.client.post(`${base}/header`, { ...HEADER, invoiceTotal: '1071.00' });
    expect((await suite.client.post(`${base}/review`)).location).toBe(`${base}/review`);
  });

  it('refuses a duplicate vendor + invoice number, at step 1 and at posting time', async () => {
    const doc = await postInvoice();
    const refused = await suite.client.post('/invoices/new', { ...HEADER, invoiceNumber: 'inv-2026-5001' });
    expect(refused.status).toBe(422);
    expect(alerts(refused.body)[0]).toContain(`Invoice INV-2026-5001 from vendor V-0001 is already posted as ${doc}`);

    // Two clerks enter the same invoice side by side: only the first "Post invoice" wins.
    const other = new PortalClient(suite.portal.url);
    await other.signIn('bot', 'bot-pass');
    const header = { ...HEADER, invoiceNumber: 'INV-2026-5002' };
    const mine = await enterDraft(header);
    const theirsStep1 = await other.post('/invoices/new', header);
    const theirs = (theirsStep1.location as string).replace(/\/lines$/, '');
    for (const line of LINES) await other.post(`${theirs}/lines`, line);
    expect((await suite.client.post(`${mine}/post`)).status).toBe(303);
    const late = await other.post(`${theirs}/post`);
    expect(late.status).toBe(422);
    expect(alerts(late.body)[0]).toContain('is already posted as');
    expect((await counts('V-0001', 'INV-2026-5002')).invoicesMatching.posted).toBe(1);
  });

  it('keeps drafts private to the user who started them', async () => {
    const base = await enterDraft();
    const other = new PortalClient(suite.portal.url);
    await other.signIn('bot', 'bot-pass');
    const foreign = await other.get(`${base}/review`);
    expect(foreign.status).toBe(404);
    expect(alerts(foreign.body)[0]).toContain('This invoice entry no longer exists');
  });

  it('reverses a posting, which frees the invoice number for a corrected posting', async () => {
    const doc = await postInvoice();
    const detail = await suite.client.get(`/invoices/${doc}`);
    expect(controlByLabel(detail.body, 'Reversal reason')?.name).toBe('reason');
    expect(buttons(detail.body)).toContain('Reverse posting');

    const reversed = await suite.client.post(`/invoices/${doc}/reverse`, { reason: 'Wrong tax rate' });
    expect(reversed.location).toBe(`/invoices/${doc}?reversed=1`);
    const after = await suite.client.get(reversed.location as string);
    expect(statuses(after.body)).toEqual([`Posting ${doc} was reversed by document DOC-000006.`]);
    expect(testIdText(after.body, 'invoice-status')).toBe('Reversed');
    expect(testIdText(after.body, 'reversal-document-number')).toBe('DOC-000006');
    expect(buttons(after.body)).not.toContain('Reverse posting');

    const twice = await suite.client.post(`/invoices/${doc}/reverse`, { reason: 'again' });
    expect(twice.status).toBe(409);
    expect(alerts(twice.body)[0]).toContain(`Document ${doc} is already reversed by DOC-000006`);

    const corrected = await postInvoice();
    expect(corrected).toBe('DOC-000007');
    expect((await counts()).invoicesMatching).toEqual({ total: 2, posted: 1, reversed: 1 });
    // The reversal document number leads to the posting it reversed.
    expect((await suite.client.get('/invoices/DOC-000006')).location).toBe(`/invoices/${doc}`);
  });

  it('exports invoices as CSV', async () => {
    const doc = await postInvoice();
    const csv = await suite.client.get('/invoices/export.csv');
    const records = parse(csv.body, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(records[0] ?? {})).toEqual([
      'document_number',
      'vendor_id',
      'invoice_number',
      'invoice_date',
      'due_date',
      'currency',
      'po_number',
      'net_total',
      'tax_total',
      'gross_total',
      'status',
      'reversal_document_number',
      'posted_at',
      'posted_by',
    ]);
    expect(records.find((r) => r.document_number === doc)).toMatchObject({
      vendor_id: 'V-0001',
      gross_total: '1249.50',
      status: 'posted',
      posted_by: 'clerk',
    });
  });
});
