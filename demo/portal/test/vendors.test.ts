import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  admin,
  alerts,
  controlByLabel,
  PortalClient,
  portalSuite,
  statuses,
  tableRows,
  testIdText,
} from './portal-client';

const GOOD = {
  name: 'Nordlicht Papier GmbH',
  vatId: 'DE 811 907 980',
  iban: 'DE89 3704 0044 0532 0130 00',
  email: 'billing@nordlicht.example',
  address: 'Am Hafen 3\n20457 Hamburg',
};

describe('portal vendors', () => {
  const suite = portalSuite('bot', 'bot-pass');

  it('lists seeded vendors with paging', async () => {
    const first = await suite.client.get('/vendors');
    expect(first.status).toBe(200);
    const rows = tableRows(first.body, 'Vendors');
    expect(rows).toHaveLength(20);
    expect(rows[0]).toMatchObject({ 'Vendor ID': 'V-0001', Status: 'Active' });
    expect(first.body).toContain('Showing 1–20 of 24 vendors (page 1 of 2)');
    const second = await suite.client.get('/vendors?page=2');
    expect(tableRows(second.body, 'Vendors').map((r) => r['Vendor ID'])).toEqual([
      'V-0021',
      'V-0022',
      'V-0023',
      'V-0024',
    ]);
  });

  it('shows the exact VAT id match when searching by VAT id, however it is typed', async () => {
    const seeded = tableRows((await suite.client.get('/vendors')).body, 'Vendors')[2] as Record<string, string>;
    const vat = seeded['VAT ID'] as string;
    const spaced = `${vat.slice(0, 2).toLowerCase()} ${vat.slice(2, 6)} ${vat.slice(6)}`;
    const found = tableRows((await suite.client.get(`/vendors?q=${encodeURIComponent(spaced)}`)).body, 'Vendors');
    expect(found[0]).toMatchObject({ 'Vendor ID': seeded['Vendor ID'], 'VAT ID': vat });
    const none = await suite.client.get('/vendors?q=DE000000000');
    expect(tableRows(none.body, 'Vendors')).toEqual([]);
    expect(none.body).toContain('No vendor matches “DE000000000”.');
  });

  it('has a labelled new-vendor form', async () => {
    const page = await suite.client.get('/vendors/new');
    for (const [label, name] of [
      ['Vendor name', 'name'],
      ['VAT ID', 'vatId'],
      ['IBAN', 'iban'],
      ['Email', 'email'],
      ['Address', 'address'],
    ] as const) {
      expect(controlByLabel(page.body, label)?.name, label).toBe(name);
    }
    expect(page.body).toContain('>Create vendor</button>');
  });

  it('creates a vendor, normalising VAT id and IBAN', async () => {
    const created = await suite.client.post('/vendors', GOOD);
    expect(created.status).toBe(303);
    expect(created.location).toBe('/vendors/V-0025?created=1');
    const detail = await suite.client.get(created.location as string);
    expect(statuses(detail.body)).toEqual(['Vendor V-0025 created.']);
    expect(testIdText(detail.body, 'vendor-vat-id')).toBe('DE811907980');
    expect(testIdText(detail.body, 'vendor-iban')).toBe('DE89370400440532013000');
    expect(testIdText(detail.body, 'vendor-status')).toBe('Active');
    const counts = await admin<{ vendorsWithVatId: number }>(suite.portal, 'GET', '/admin/counts?vatId=DE811907980');
    expect(counts.json.vendorsWithVatId).toBe(1);
  });

  it.each([
    ['name', { name: '' }, 'Vendor name is required'],
    ['vatId missing', { vatId: '' }, 'VAT ID is required'],
    ['vatId format', { vatId: 'DE12345' }, 'VAT ID "DE12345" does not have a valid format'],
    ['iban checksum', { iban: 'DE89370400440532013001' }, 'the check digits do not match'],
    ['iban format', { iban: 'XX123' }, 'is not valid'],
    ['email', { email: 'not-an-email' }, 'Email "not-an-email" is not a valid email address'],
    ['address', { address: '   ' }, 'Address is required'],
  ])('refuses a vendor with a bad %s and saves nothing', async (_case, change, message) => {
    const before = await admin<{ vendors: { total: number } }>(suite.portal, 'GET', '/admin/counts');
    const refused = await suite.client.post('/vendors', { ...GOOD, ...change });
    expect(refused.status).toBe(422);
    const shown = alerts(refused.body);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain('Please correct the following');
    expect(shown[0]).toContain(message);
    // The form keeps what was typed and marks the field.
    const field = Object.keys(change)[0] as string;
    expect(refused.body).toMatch(
      new RegExp(`name="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="${field}"`),
    );
    const after = await admin<{ vendors: { total: number } }>(suite.portal, 'GET', '/admin/counts');
    expect(after.json.vendors.total).toBe(before.json.vendors.total);
  });

  it('refuses a second vendor with the same VAT id, naming the existing one', async () => {
    expect((await suite.client.post('/vendors', GOOD)).status).toBe(303);
    const again = await suite.client.post('/vendors', {
      ...GOOD,
      name: 'Nordlicht Papier (duplicate)',
      vatId: 'de811907980',
    });
    expect(again.status).toBe(422);
    expect(alerts(again.body)[0]).toContain(
      'A vendor with VAT ID DE811907980 already exists: V-0025 (Nordlicht Papier GmbH)',
    );
    const counts = await admin<{ vendorsWithVatId: number }>(suite.portal, 'GET', '/admin/counts?vatId=DE811907980');
    expect(counts.json.vendorsWithVatId).toBe(1);
  });

  it('keeps exactly one vendor when the same create is sent many times at once', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => suite.client.post('/vendors', GOOD)));
    expect(results.filter((r) => r.status === 303)).toHaveLength(1);
    expect(results.filter((r) => r.status === 422)).toHaveLength(7);
    const counts = await admin<{ vendorsWithVatId: number }>(suite.portal, 'GET', '/admin/counts?vatId=DE811907980');
    expect(counts.json.vendorsWithVatId).toBe(1);
  });

  it('deactivates and reactivates a vendor (an administrator)', async () => {
    const administrator = new PortalClient(suite.portal.url);
    await administrator.signIn('admin', 'admin-pass');
    const off = await administrator.post('/vendors/V-0002/deactivate');
    expect(off.location).toBe('/vendors/V-0002?updated=1');
    expect(testIdText((await suite.client.get('/vendors/V-0002')).body, 'vendor-status')).toBe('Inactive');
    await administrator.post('/vendors/V-0002/activate');
    expect(testIdText((await suite.client.get('/vendors/V-0002')).body, 'vendor-status')).toBe('Active');
  });

  it('answers 404 with an alert for an unknown vendor', async () => {
    const missing = await suite.client.get('/vendors/V-9999');
    expect(missing.status).toBe(404);
    expect(alerts(missing.body)).toEqual(['Vendor V-9999 does not exist.']);
  });

  it('exports vendors as CSV', async () => {
    await suite.client.post('/vendors', GOOD);
    const csv = await suite.client.get('/vendors/export.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="vendors.csv"');
    const records = parse(csv.body, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(records[0] ?? {})).toEqual([
      'vendor_id',
      'name',
      'vat_id',
      'iban',
      'email',
      'address',
      'active',
      'created_at',
    ]);
    expect(records).toHaveLength(25);
    expect(records.at(-1)).toMatchObject({
      vendor_id: 'V-0025',
      vat_id: 'DE811907980',
      address: GOOD.address,
      active: 'true',
    });
  });

  it('bulk-loads vendors through the admin route and refuses duplicate VAT ids', async () => {
    const loaded = await admin<{ loaded: number; ids: string[] }>(suite.portal, 'POST', '/admin/vendors', {
      vendors: [
        { name: 'Bulk One', vatId: 'FR40303265045', iban: 'FR1420041010050500013M02606' },
        { name: 'Bulk Two', vatId: 'IT12345678901', iban: 'IT60X0542811101000000123456', active: false },
      ],
    });
    expect(loaded.status).toBe(200);
    expect(loaded.json).toEqual({ loaded: 2, ids: ['V-0025', 'V-0026'] });
    const dup = await admin<{ problems: Array<{ message: string }> }>(suite.portal, 'POST', '/admin/vendors', {
      vendors: [{ name: 'Again', vatId: 'FR40303265045', iban: 'FR1420041010050500013M02606' }],
    });
    expect(dup.status).toBe(400);
    expect(dup.json.problems[0]?.message).toContain('already belongs to V-0025');
    const bad = await admin<{ problems: Array<{ path: string }> }>(suite.portal, 'POST', '/admin/vendors', {
      vendors: [{ name: '' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['vendors.0.name', 'vendors.0.vatId', 'vendors.0.iban']),
    );
  });
});
