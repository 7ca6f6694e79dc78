import { PortalUnavailableError } from '../../systems/portal/portal-errors';
import { exactLabel, rejection, testIdText } from './invoice-page-parts';
import { submitAndRead } from './invoice-form-submit';
import { PortalPage } from '../../systems/portal/pages';

/** What the bot types into the three entry steps. Amounts are strings as a clerk would type them. */
export interface InvoiceEntryFields {
  vendorId: string;
  invoiceNumber: string;
  invoiceDate: string;
  dueDate: string;
  currency: string;
  purchaseOrderId: string;
  invoiceTotal: string;
  lines: Array<{ description: string; quantity: string; unitPrice: string; taxRate: string }>;
}

const HEADER_FIELDS = [
  { key: 'vendorId', label: 'Vendor ID' },
  { key: 'invoiceNumber', label: 'Invoice number' },
  { key: 'invoiceDate', label: 'Invoice date' },
  { key: 'dueDate', label: 'Due date' },
  { key: 'currency', label: 'Currency' },
  { key: 'purchaseOrderId', label: 'PO number (optional)' },
  { key: 'invoiceTotal', label: 'Invoice total (gross)' },
] as const;

const LINE_FIELDS = [
  { key: 'description', label: 'Description' },
  { key: 'quantity', label: 'Quantity' },
  { key: 'unitPrice', label: 'Unit price' },
  { key: 'taxRate', label: 'Tax rate (%)' },
] as const;

/**
 * The three-step invoice entry (header → lines → review → post). Only "Post invoice" writes to the books, so
 * a step that fails before it leaves nothing behind; the caller looks the invoice up before entering it.
 */
export class InvoiceEntryPage extends PortalPage {
  /** Enters and posts the invoice; returns its document number. Throws PortalRejectedError on a refused step. */
  async enterAndPost(fields: InvoiceEntryFields): Promise<string> {
    await this.open('/invoices/new');
    const header = this.page.getByRole('form', { name: 'Invoice header' });
    for (const { key, label } of HEADER_FIELDS) {
      const control = header.getByLabel(exactLabel(label));
      if (key === 'currency') await control.selectOption(fields.currency);
      else await control.fill(fields[key]);
    }
    const afterHeader = await submitAndRead(
      this.page,
      header.getByRole('button', { name: 'Next: lines' }),
      '/invoices/new',
    );
    if (afterHeader.status === 422) throw await rejection(this.page, header, HEADER_FIELDS);
    const base = /^\/invoices\/drafts\/[^/]+/.exec(afterHeader.location)?.[0];
    if (!base)
      throw new PortalUnavailableError(
        `unexpected answer to the invoice header: ${afterHeader.status} ${afterHeader.location}`,
      );

    for (const line of fields.lines) {
      const form = this.page.getByRole('form', { name: 'Add line' });
      for (const { key, label } of LINE_FIELDS) await form.getByLabel(exactLabel(label)).fill(line[key]);
      const added = await submitAndRead(this.page, form.getByRole('button', { name: 'Add line' }), `${base}/lines`);
      if (added.status === 422) throw await rejection(this.page, form, LINE_FIELDS);
    }
    const reviewed = await submitAndRead(
      this.page,
      this.page.getByRole('button', { name: 'Next: review' }),
      `${base}/review`,
    );
    if (reviewed.status === 422)
      throw await rejection(this.page, this.page.getByRole('form', { name: 'Add line' }), []);

    const posted = await submitAndRead(
      this.page,
      this.page.getByRole('button', { name: 'Post invoice' }),
      `${base}/post`,
    );
    if (posted.status === 422) throw await rejection(this.page, this.page.locator('main'), []);
    if (!/\/confirmation$/.test(posted.location))
      throw new PortalUnavailableError(`unexpected answer to "Post invoice": ${posted.status} ${posted.location}`);
    const documentNumber = await testIdText(this.page, 'document-number');
    if (!/^DOC-\d+$/.test(documentNumber))
      throw new PortalUnavailableError(`the confirmation shows no document number (got "${documentNumber}")`);
    return documentNumber;
  }
}
