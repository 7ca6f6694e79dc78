import { PortalUnavailableError } from '../../systems/portal/portal-errors';
import { PortalPage } from '../../systems/portal/pages';
import { readTable } from './invoice-page-parts';

export interface PostedInvoiceRow {
  documentNumber: string;
  vendorId: string;
  invoiceNumber: string;
  status: string;
  grossTotal: string;
}

/** The invoice list, searched by the exact vendor id and invoice number: the bot's "is it there already?". */
export class InvoiceSearchPage extends PortalPage {
  async find(vendorId: string, invoiceNumber: string): Promise<PostedInvoiceRow[]> {
    const query = new URLSearchParams({ vendorId, invoiceNumber });
    await this.open(`/invoices?${query.toString()}`);
    if ((await this.page.getByRole('table', { name: 'Invoices' }).count()) === 0)
      throw new PortalUnavailableError('the invoice list did not show its table');
    return (await readTable(this.page, 'Invoices')).map((row) => ({
      documentNumber: row['Document number'] ?? '',
      vendorId: row['Vendor ID'] ?? '',
      invoiceNumber: row['Invoice number'] ?? '',
      status: (row['Status'] ?? '').toLowerCase(),
      grossTotal: row['Gross total'] ?? '',
    }));
  }
}
