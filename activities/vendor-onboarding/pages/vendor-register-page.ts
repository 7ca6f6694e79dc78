import { readTable } from '../../systems/portal/pages';
import { VendorListPage, type VendorRow } from '../../systems/portal/pages';
import { PortalUnavailableError } from '../../systems/portal/portal-errors';

/** The largest page the portal's vendor list serves. */
const PAGE_SIZE = 500;
/** A guard against a list that never ends (the portal clamps the page number, so the last page repeats). */
const MAX_PAGES = 200;

const COLUMNS: Record<string, keyof VendorRow> = {
  'Vendor ID': 'vendorId',
  Name: 'name',
  'VAT ID': 'vatId',
  IBAN: 'iban',
  Email: 'email',
  Status: 'status',
};

export const compactIban = (iban: string) => iban.replace(/\s/g, '').toUpperCase();

/**
 * The vendor list read whole. The portal's search finds names, VAT ids and vendor ids but not bank accounts, so
 * an IBAN is found by reading the list page by page (fetched from the page shown, not rendered).
 */
export class VendorRegisterPage extends VendorListPage {
  async findByIban(iban: string): Promise<VendorRow[]> {
    const wanted = compactIban(iban);
    const found: VendorRow[] = [];
    let firstOfLastPage: string | undefined;
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const path = `/vendors?page=${page}&pageSize=${PAGE_SIZE}`;
      const { table, fetched } = await readTable(this.page, 'Vendors', path);
      if (fetched?.status === 0) throw new PortalUnavailableError(`the portal did not answer at ${path}`);
      if (fetched) this.checkAnswer(fetched.status, fetched.path, path);
      if (!table) throw new PortalUnavailableError('the vendor list did not show its table');
      const ibanAt = table.headers.indexOf('IBAN');
      const idAt = table.headers.indexOf('Vendor ID');
      const nameAt = table.headers.indexOf('Name');
      if (ibanAt < 0 || idAt < 0 || nameAt < 0)
        throw new PortalUnavailableError('the vendor list has no Vendor ID, Name or IBAN column');
      const rows = table.rows.filter((cells) => cells.length === table.headers.length);
      // A clamped page number shows the last page again: the list has been read.
      if (rows.length === 0 || rows[0]?.[idAt] === firstOfLastPage) break;
      firstOfLastPage = rows[0]?.[idAt];
      for (const cells of rows) {
        if (compactIban(cells[ibanAt] ?? '') !== wanted) continue;
        const row: VendorRow = { vendorId: '', name: '', vatId: '', iban: '', email: '', status: '' };
        table.headers.forEach((header, i) => {
          const key = COLUMNS[header];
          if (key) row[key] = cells[i] ?? '';
        });
        found.push(row);
      }
      if (rows.length < PAGE_SIZE) break;
    }
    return found;
  }
}
