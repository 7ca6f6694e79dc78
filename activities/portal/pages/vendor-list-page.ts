import { PortalUnavailableError } from '../portal-errors';
import { clickForResponse, PortalPage } from './portal-page';

export interface VendorRow {
  vendorId: string;
  name: string;
  vatId: string;
  iban: string;
  email: string;
  status: string;
}

const COLUMNS: Record<string, keyof VendorRow> = {
  'Vendor ID': 'vendorId',
  Name: 'name',
  'VAT ID': 'vatId',
  IBAN: 'iban',
  Email: 'email',
  Status: 'status',
};

/** The vendor list with its search box. Columns are found by header text, as their order changes. */
export class VendorListPage extends PortalPage {
  async search(query: string): Promise<VendorRow[]> {
    if (!(await this.showing('/vendors', 'Vendors'))) {
      // The search form is a GET form: opening the address it submits to is the same search, one page load
      // instead of the list and then the results.
      await this.open(`/vendors?q=${encodeURIComponent(query)}`);
      return this.rows();
    }
    const form = this.page.getByRole('form', { name: 'Search vendors' });
    await form.getByRole('searchbox', { name: 'Search vendors' }).fill(query);
    const response = await clickForResponse(this.page, form.getByRole('button', { name: 'Search' }), (r) => new URL(r.url()).pathname === '/vendors' && r.request().method() === 'GET');
    await this.page.waitForLoadState('domcontentloaded');
    this.checkResponse(response, '/vendors?q=');
    return this.rows();
  }

  /** Vendors with exactly this VAT id (the search also lists partial matches). */
  async findByVatId(vatId: string): Promise<VendorRow[]> {
    const wanted = normalizeVatId(vatId);
    return (await this.search(wanted)).filter((row) => normalizeVatId(row.vatId) === wanted);
  }

  async rows(): Promise<VendorRow[]> {
    // The table is found by its role and name, once; its header and cell texts are then read in the same round
    // trip (resolving a locator per cell costs a round trip and an accessibility lookup each).
    const [table] = await this.page.getByRole('table', { name: 'Vendors' }).evaluateAll((tables) =>
      tables.map((t) => ({
        headers: Array.from(t.querySelectorAll('thead th')).map((th) => th.textContent?.trim() ?? ''),
        bodyRows: Array.from(t.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td, th')).map((c) => c.textContent?.trim() ?? '')),
      })),
    );
    if (!table) throw new PortalUnavailableError('the vendor list did not show its table');
    const { headers, bodyRows } = table;
    const rows: VendorRow[] = [];
    for (const cells of bodyRows) {
      if (cells.length !== headers.length) continue; // the "No vendor matches" row
      const vendor = { vendorId: '', name: '', vatId: '', iban: '', email: '', status: '' };
      headers.forEach((header, i) => {
        const key = COLUMNS[header];
        if (key) vendor[key] = cells[i] ?? '';
      });
      rows.push(vendor);
    }
    return rows;
  }
}

/** The portal compares VAT ids without spaces, dots or dashes, in upper case; so does the bot. */
export function normalizeVatId(raw: string): string {
  return raw.replace(/[\s.-]/g, '').toUpperCase();
}
