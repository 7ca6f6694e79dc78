import type { InvoiceBotActivities } from '../../activities/invoices/invoice-bot';
import type { PurchaseOrderView } from '../../schemas/invoices/invoice-match';
import type { VendorMaster } from '../../schemas/invoices/invoice-processing';

/**
 * The invoice bot activities without a browser: an in-memory portal with the same answers. For recording
 * histories and for the engine-overhead benchmark, where the figure is the engine's, not Chromium's.
 */
export function inMemoryInvoiceBots(vendors: VendorMaster[], orders: PurchaseOrderView[] = []): InvoiceBotActivities {
  const postings = new Map<string, { documentNumber: string; reversal?: string }>();
  let sequence = 0;
  const key = (vendorId: string, invoiceNumber: string) => `${vendorId}|${invoiceNumber.toUpperCase()}`;
  return {
    async readVendorMaster({ vendorId }) {
      return vendors.find((v) => v.vendorId === vendorId) ?? null;
    },
    async readPurchaseOrder({ purchaseOrderId }) {
      return orders.find((o) => o.id === purchaseOrderId) ?? null;
    },
    async findPostedInvoice({ vendorId, invoiceNumber }) {
      const posting = postings.get(key(vendorId, invoiceNumber));
      return posting && !posting.reversal ? { documentNumber: posting.documentNumber } : null;
    },
    async postInvoice({ invoice }) {
      const existing = postings.get(key(invoice.vendorId, invoice.invoiceNumber));
      if (existing && !existing.reversal) return { documentNumber: existing.documentNumber, alreadyPosted: true };
      const documentNumber = `DOC-${String(++sequence).padStart(6, '0')}`;
      postings.set(key(invoice.vendorId, invoice.invoiceNumber), { documentNumber });
      return { documentNumber, alreadyPosted: false };
    },
    async reverseInvoicePosting({ documentNumber }) {
      const posting = [...postings.values()].find((p) => p.documentNumber === documentNumber);
      if (!posting) throw new Error(`document ${documentNumber} does not exist`);
      if (posting.reversal) return { reversalDocumentNumber: posting.reversal, alreadyReversed: true };
      posting.reversal = `DOC-${String(++sequence).padStart(6, '0')}`;
      return { reversalDocumentNumber: posting.reversal, alreadyReversed: false };
    },
  };
}
