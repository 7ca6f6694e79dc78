import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPortal } from '../server';
import { PortalStore, STORE_FILE_NAME } from '../store';
import { admin, makeDataDir, PortalClient, tableRows, testIdText } from './portal-client';

describe('portal persistence', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('keeps vendors, invoices and counters across a restart on the same data directory', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);

    const first = await startPortal({ port: 0, dataDir, logLevel: 'silent' });
    expect(first.store.seeded).toBe(true);
    const client = new PortalClient(first.url);
    await client.signIn('clerk', 'clerk-pass');
    const created = await client.post('/vendors', {
      name: 'Persistent Parts GmbH',
      vatId: 'DE276452187',
      iban: 'DE02120300000000202051',
      email: 'ap@persistent.example',
      address: 'Werkstraße 1\n01067 Dresden',
    });
    expect(created.location).toBe('/vendors/V-0025?created=1');
    const posted = await first.store.invoices.post(
      {
        vendorId: 'V-0025',
        invoiceNumber: 'PP-1',
        invoiceDate: '2026-11-01',
        dueDate: '2026-11-30',
        currency: 'EUR',
        purchaseOrderId: null,
        invoiceTotal: 119,
      },
      [{ description: 'Parts', quantity: 1, unitPrice: 100, taxRate: 19 }],
      'clerk',
    );
    expect(posted.ok).toBe(true);
    await first.close();

    const files = await readdir(dataDir);
    expect(files).toEqual([STORE_FILE_NAME]); // no temp files left behind

    const second = await startPortal({ port: 0, dataDir, logLevel: 'silent' });
    try {
      expect(second.store.seeded).toBe(false);
      // Sessions live in memory: after a restart the old cookie counts as expired.
      const stale = await client.pointedAt(second.url).get('/');
      expect(stale.location).toBe('/login?next=%2F&expired=1');
      const again = new PortalClient(second.url);
      await again.signIn('clerk', 'clerk-pass');
      const detail = await again.get('/vendors/V-0025');
      expect(testIdText(detail.body, 'vendor-name')).toBe('Persistent Parts GmbH');
      const invoices = tableRows((await again.get('/invoices?vendorId=V-0025&invoiceNumber=PP-1')).body, 'Invoices');
      expect(invoices).toEqual([expect.objectContaining({ 'Document number': 'DOC-000005', 'Gross total': '119.00' })]);
      // Counters continue where they were.
      const next = await again.post('/vendors', {
        name: 'Next One Ltd',
        vatId: 'GB123456789',
        iban: 'GB29NWBK60161331926819',
        email: 'ap@next.example',
        address: '1 High Street',
      });
      expect(next.location).toBe('/vendors/V-0026?created=1');
      const counts = await admin<{ vendorsWithVatId: number }>(second, 'GET', '/admin/counts?vatId=DE276452187');
      expect(counts.json.vendorsWithVatId).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('seeds the same data on every fresh start', async () => {
    const [a, b] = [await makeDataDir(), await makeDataDir()];
    dirs.push(a, b);
    const storeA = await PortalStore.open(a);
    const storeB = await PortalStore.open(b);
    await Promise.all([storeA.flush(), storeB.flush()]);
    const [fileA, fileB] = await Promise.all([readFile(storeA.file, 'utf8'), readFile(storeB.file, 'utf8')]);
    expect(fileA).toBe(fileB);
    expect(storeA.counts()).toMatchObject({
      vendors: { total: 24, active: 23 },
      purchaseOrders: 12,
      goodsReceipts: 8,
      employees: { total: 40 },
      payrollRuns: 3,
    });
  });

  it('refuses to start on a damaged store file instead of overwriting it', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const file = path.join(dataDir, STORE_FILE_NAME);
    await writeFile(file, '{"version":1,"vendors":[');
    await expect(startPortal({ port: 0, dataDir, logLevel: 'silent' })).rejects.toThrow(/is not valid JSON/);
    await writeFile(file, JSON.stringify({ version: 1, vendors: 'nope' }));
    await expect(startPortal({ port: 0, dataDir, logLevel: 'silent' })).rejects.toThrow(
      /does not match the expected format/,
    );
    expect(await readFile(file, 'utf8')).toBe(JSON.stringify({ version: 1, vendors: 'nope' }));
  });

  it('resets to seed data, or to an empty store, through the admin route', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const portal = await startPortal({ port: 0, dataDir, logLevel: 'silent' });
    try {
      const empty = await admin<{ counts: { vendors: { total: number }; users: number } }>(
        portal,
        'POST',
        '/admin/reset',
        { seed: 'empty' },
      );
      expect(empty.json.counts.vendors.total).toBe(0);
      expect(empty.json.counts.users).toBe(4); // users survive, so bots can still sign in
      const seeded = await admin<{ counts: { vendors: { total: number } } }>(portal, 'POST', '/admin/reset', {});
      expect(seeded.json.counts.vendors.total).toBe(24);
      expect((await admin(portal, 'POST', '/admin/reset', { seed: 'other' })).status).toBe(400);
    } finally {
      await portal.close();
    }
  });
});
