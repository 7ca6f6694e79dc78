import { PortalUnavailableError } from '../portal-errors';
import { readTable, type TableText } from './in-page-steps';
import { PortalPage } from './portal-page';

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

/** The largest page the portal's vendor list serves. */
const PAGE_SIZE = 500;
/** A guard against a list that never ends (the portal clamps the page number, so the last page repeats). */
const MAX_PAGES = 200;

export const compactIban = (iban: string) => iban.replace(/\s/g, '').toUpperCase();

/** The vendor list with its search box. Columns are found by header text, as their order changes. */
export class VendorListPage extends PortalPage {
  /**
   * Vendors matching the query. The search form is a GET form, so its result page has an address: a page already
   * on the portal fetches it (the bot usually stands on the form it fills next), any other page opens it.
   */
  async search(query: string): Promise<VendorRow[]> {
    const path = `/vendors?q=${encodeURIComponent(query)}`;
    if (!this.onPortal()) {
      await this.open(path);
      return this.rows();
    }
    return this.fetchRows(path);
  }

  /**
   * Vendors paid to this IBAN. The portal's search finds names, VAT ids and vendor ids but not bank accounts, so
   * the list is read page by page (fetched from the page shown, not rendered).
   */
  async findByIban(iban: string): Promise<VendorRow[]> {
    const wanted = compactIban(iban);
    const found: VendorRow[] = [];
    let firstOfLastPage: string | undefined;
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const rows = await this.fetchRows(`/vendors?page=${page}&pageSize=${PAGE_SIZE}`);
      // A clamped page number shows the last page again: the list has been read.
      if (rows.length === 0 || rows[0]?.vendorId === firstOfLastPage) break;
      firstOfLastPage = rows[0]?.vendorId;
      found.push(...rows.filter((row) => compactIban(row.iban) === wanted));
      if (rows.length < PAGE_SIZE) break;
    }
    return found;
  }

  /** Vendors with exactly this VAT id (the search also lists partial matches). */
  async findByVatId(vatId: string): Promise<VendorRow[]> {
    const wanted = normalizeVatId(vatId);
    return (await this.search(wanted)).filter((row) => normalizeVatId(row.vatId) === wanted);
  }

  /** The rows the list shows now. */
  async rows(): Promise<VendorRow[]> {
    return this.rowsOf((await readTable(this.page, 'Vendors')).table);
  }

  /** The list at this address, fetched from the page the bot stands on. */
  private async fetchRows(path: string): Promise<VendorRow[]> {
    const { table, fetched } = await readTable(this.page, 'Vendors', path);
    if (fetched?.status === 0) throw new PortalUnavailableError(`the portal did not answer at ${path}`);
    if (fetched) this.checkAnswer(fetched.status, fetched.path, path);
    return this.rowsOf(table);
  }

  private rowsOf(table: TableText | null): VendorRow[] {
    if (!table) throw new PortalUnavailableError('the vendor list did not show its table');
    const rows: VendorRow[] = [];
    for (const cells of table.rows) {
      if (cells.length !== table.headers.length) continue; // the "No vendor matches" row
      const vendor = { vendorId: '', name: '', vatId: '', iban: '', email: '', status: '' };
      table.headers.forEach((header, i) => {
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
