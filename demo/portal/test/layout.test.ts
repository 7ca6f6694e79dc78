import { payrollRunIdFor } from '../../../schemas/payroll/payroll-run-id';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  alerts,
  buttons,
  captions,
  headings,
  labelledControls,
  PortalClient,
  startTestPortal,
  tableHeaders,
  tableRows,
  type TestPortal,
} from './portal-client';

// Layout v2 must break CSS/position-based bots but not role/label-based ones: same labels, names,
// buttons, headings and table headers; different ids, classes, nesting and order.

describe('portal layout v2', () => {
  let t: TestPortal;
  let client: PortalClient;
  let draftLines: string;

  beforeAll(async () => {
    t = await startTestPortal();
    client = new PortalClient(t.portal.url);
    await client.signIn('clerk', 'clerk-pass');
    const step1 = await client.post('/invoices/new', {
      vendorId: 'V-0001',
      invoiceNumber: 'LAYOUT-1',
      invoiceDate: '2026-11-01',
      dueDate: '2026-11-30',
      currency: 'EUR',
      purchaseOrderId: '',
      invoiceTotal: '119.00',
    });
    draftLines = step1.location as string;
    await client.post(draftLines, { description: 'Item', quantity: '1', unitPrice: '100', taxRate: '19' });
  });
  afterAll(async () => {
    await t.dispose();
  });

  async function inLayout(layout: 'v1' | 'v2', path: string, anonymous = false): Promise<string> {
    await admin(t.portal, 'POST', '/admin/chaos', { layout });
    const page = await (anonymous ? new PortalClient(t.portal.url) : client).get(path);
    expect(page.status, path).toBe(200);
    return page.body;
  }

  const pages: Array<[string, boolean]> = [
    ['/login', true],
    ['/', false],
    ['/vendors', false],
    ['/vendors/new', false],
    ['/vendors/V-0003', false],
    ['/purchase-orders/PO-0002', false],
    ['/goods-receipts/GR-0002', false],
    ['/invoices', false],
    ['/invoices/new', false],
    ['/invoices/DOC-000001', false],
    ['/employees', false],
    // The seeded draft run is the current month's.
    [`/payroll-runs/${payrollRunIdFor(new Date())}`, false],
  ];

  it.each(pages)('%s keeps labels, names, buttons, headings and tables', async (path, anonymous) => {
    const v1 = await inLayout('v1', path, anonymous);
    const v2 = await inLayout('v2', path, anonymous);
    const controls1 = labelledControls(v1);
    const controls2 = labelledControls(v2);
    expect(controls2.map(({ label, name }) => ({ label, name }))).toEqual(
      controls1.map(({ label, name }) => ({ label, name })),
    );
    // ... but no element id of a labelled control survives.
    const ids1 = new Set(controls1.map((c) => c.id));
    expect(controls2.filter((c) => ids1.has(c.id))).toEqual([]);
    expect([...buttons(v2)].sort()).toEqual([...buttons(v1)].sort());
    expect([...headings(v2)].sort()).toEqual([...headings(v1)].sort());
    expect(captions(v2)).toEqual(captions(v1));
    for (const caption of captions(v1)) {
      expect([...tableHeaders(v2, caption)].sort()).toEqual([...tableHeaders(v1, caption)].sort());
      // Rows read by header name are identical in both layouts.
      expect(tableRows(v2, caption)).toEqual(tableRows(v1, caption));
    }
  });

  it.each([['/vendors/new'], ['the invoice lines step']])(
    '%s changes structure: nav after the content, other classes, other field order',
    async (which) => {
      const path = which.startsWith('/') ? which : draftLines;
      const v1 = await inLayout('v1', path);
      const v2 = await inLayout('v2', path);
      expect(v1.indexOf('aria-label="Main navigation"')).toBeLessThan(v1.indexOf('<main'));
      expect(v2.indexOf('aria-label="Main navigation"')).toBeGreaterThan(v2.indexOf('<main'));
      expect(v1).toContain('class="form-row"');
      expect(v2).not.toContain('class="form-row"');
      const order = (html: string) => [...html.matchAll(/<label for="[^"]+">([^<]+)/g)].map((m) => m[1]);
      expect(order(v2)).not.toEqual(order(v1));
      expect(new Set(order(v2))).toEqual(new Set(order(v1)));
    },
  );

  it('orders table columns differently in v2', async () => {
    const v1 = await inLayout('v1', '/vendors');
    const v2 = await inLayout('v2', '/vendors');
    expect(tableHeaders(v1, 'Vendors')[0]).toBe('Vendor ID');
    expect(tableHeaders(v2, 'Vendors')[0]).not.toBe('Vendor ID');
  });

  it('still reports validation errors in role="alert" in v2', async () => {
    await admin(t.portal, 'POST', '/admin/chaos', { layout: 'v2' });
    const refused = await client.post('/vendors', { name: '', vatId: '', iban: '', email: '', address: '' });
    expect(refused.status).toBe(422);
    expect(alerts(refused.body)[0]).toContain('Please correct the following');
    expect(alerts(refused.body)[0]).toContain('Vendor name is required');
    await admin(t.portal, 'POST', '/admin/chaos', { layout: 'v1' });
  });
});
