import { describe, expect, it } from 'vitest';
import { admin, alerts, headings, portalSuite } from './portal-client';

type Counts = { vendors: { total: number }; vendorsWithVatId: number; invoicesMatching: { posted: number } };

/** A valid German VAT id per number, so every attempt creates a distinct vendor. */
const vendor = (n: number) => ({
  name: `Chaos Vendor ${n}`,
  vatId: `DE${String(700000000 + n)}`,
  iban: 'DE89370400440532013000',
  email: `ap${n}@chaos.example`,
  address: 'Somewhere 1',
});

describe('portal chaos', () => {
  const suite = portalSuite('bot', 'bot-pass', { resetChaos: true });

  it('reads and validates chaos settings', async () => {
    const initial = await admin<{ settings: Record<string, unknown> }>(suite.portal, 'GET', '/admin/chaos');
    expect(initial.json.settings).toEqual({
      latency: { minMs: 0, maxMs: 0 },
      errorRate: 0,
      sessionTtlSeconds: 28800,
      layout: 'v1',
      seed: null,
    });
    const changed = await admin<{ settings: Record<string, unknown> }>(suite.portal, 'POST', '/admin/chaos', {
      latencyMs: '10-20',
      errorRate: 0.25,
      layout: 'v2',
      seed: 7,
    });
    expect(changed.json.settings).toEqual({
      latency: { minMs: 10, maxMs: 20 },
      errorRate: 0.25,
      sessionTtlSeconds: 28800,
      layout: 'v2',
      seed: 7,
    });
    const bad = await admin<{ problems: Array<{ path: string }> }>(suite.portal, 'POST', '/admin/chaos', {
      errorRate: 2,
      layout: 'v3',
      bogus: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.problems.map((p) => p.path).sort()).toEqual(['', 'errorRate', 'layout']);
  });

  it('answers 500 before handling, so a failed create leaves nothing behind', async () => {
    await admin(suite.portal, 'POST', '/admin/chaos', { errorRate: 1 });
    const failed = await suite.client.post('/vendors', vendor(1));
    expect(failed.status).toBe(500);
    expect(headings(failed.body)).toContain('Internal Server Error');
    expect(alerts(failed.body)[0]).toMatch(/error reference CHAOS-[0-9A-F]{8}\). No changes were saved/);
    // Admin routes and the health check are never disturbed.
    const counts = await admin<Counts>(suite.portal, 'GET', `/admin/counts?vatId=${vendor(1).vatId}`);
    expect(counts.json.vendorsWithVatId).toBe(0);
    expect(counts.json.vendors.total).toBe(24);
    expect((await fetch(new URL('/healthz', suite.portal.url))).status).toBe(200);
  });

  it('never half-applies changes under a random error rate: retried creates end with exactly one vendor each', async () => {
    await admin(suite.portal, 'POST', '/admin/chaos', { errorRate: 0.5, seed: 12345 });
    let failures = 0;
    for (let n = 1; n <= 12; n += 1) {
      // A bot's retry loop: check first, create if missing, until the vendor exists.
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const search = await suite.client.get(`/vendors?q=${vendor(n).vatId}`);
        if (search.status === 500) {
          failures += 1;
          continue;
        }
        if (search.status === 200 && search.body.includes(`<td>${vendor(n).vatId}</td>`)) break;
        const created = await suite.client.post('/vendors', vendor(n));
        if (created.status === 500) failures += 1;
      }
    }
    expect(failures).toBeGreaterThan(0);
    const { json } = await admin<{ stats: { injectedErrors: number } }>(suite.portal, 'GET', '/admin/chaos');
    expect(json.stats.injectedErrors).toBe(failures);
    await admin(suite.portal, 'POST', '/admin/chaos/reset');
    for (let n = 1; n <= 12; n += 1) {
      const counts = await admin<Counts>(suite.portal, 'GET', `/admin/counts?vatId=${vendor(n).vatId}`);
      expect(counts.json.vendorsWithVatId, vendor(n).vatId).toBe(1);
    }
  });

  it('a failed "Post invoice" posts nothing, and the retry posts once', async () => {
    const header = {
      vendorId: 'V-0002',
      invoiceNumber: 'CH-1',
      invoiceDate: '2026-11-01',
      dueDate: '2026-11-30',
      currency: 'EUR',
      purchaseOrderId: '',
      invoiceTotal: '119.00',
    };
    const step1 = await suite.client.post('/invoices/new', header);
    const base = (step1.location as string).replace(/\/lines$/, '');
    await suite.client.post(`${base}/lines`, {
      description: 'Service',
      quantity: '1',
      unitPrice: '100',
      taxRate: '19',
    });
    await admin(suite.portal, 'POST', '/admin/chaos', { errorRate: 1 });
    expect((await suite.client.post(`${base}/post`)).status).toBe(500);
    const none = await admin<Counts>(suite.portal, 'GET', '/admin/counts?vendorId=V-0002&invoiceNumber=CH-1');
    expect(none.json.invoicesMatching.posted).toBe(0);
    await admin(suite.portal, 'POST', '/admin/chaos', { errorRate: 0 });
    expect((await suite.client.post(`${base}/post`)).status).toBe(303);
    const one = await admin<Counts>(suite.portal, 'GET', '/admin/counts?vendorId=V-0002&invoiceNumber=CH-1');
    expect(one.json.invoicesMatching.posted).toBe(1);
  });

  it('adds latency to pages but not to admin routes or the health check', async () => {
    await admin(suite.portal, 'POST', '/admin/chaos', { latencyMs: 300 });
    let started = Date.now();
    expect((await suite.client.get('/vendors')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    started = Date.now();
    await fetch(new URL('/healthz', suite.portal.url));
    await admin(suite.portal, 'GET', '/admin/counts');
    expect(Date.now() - started).toBeLessThan(290);
  });
});
