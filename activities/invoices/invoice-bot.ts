import { Context, log } from '@temporalio/activity';
import type { Page } from 'playwright-core';
import type { Invoice } from '../../schemas/invoices/invoice';
import type { PurchaseOrderView } from '../../schemas/invoices/invoice-match';
import type { VendorMaster } from '../../schemas/invoices/invoice-processing';
import { minorUnits } from '../../schemas/engine/money';
import type { PortalBotDeps } from '../systems/portal/bot-deps';
import { compactIban, VendorDetailPage } from '../systems/portal/pages';
import { InvoiceDetailPage } from './pages/invoice-detail-page';
import { InvoiceEntryPage } from './pages/invoice-entry-page';
import { InvoiceSearchPage } from './pages/invoice-search-page';
import { PurchaseOrderPage } from './pages/purchase-order-page';
import { runBotStep } from '../systems/portal/run-bot-step';

/** A read or posting in the portal, run by the engine's bot runner (sign-in, retries, evidence). */
const botStep = <T>(deps: PortalBotDeps, label: string, work: (page: Page) => Promise<T>): Promise<T> =>
  runBotStep(deps, { label, work: (lease) => work(lease.page) });

const decimal = (amount: number, currency: string) => amount.toFixed(minorUnits(currency));

export interface PostInvoiceResult {
  documentNumber: string;
  /** The portal already held a posting of this vendor and invoice number (a retry after a lost answer). */
  alreadyPosted: boolean;
}

/** Bot activities of invoice processing; they run on the `bots` task queue next to the vendor bots. */
export function createInvoiceBotActivities(deps: PortalBotDeps) {
  return {
    /** The vendor master record, or null when the portal has no such vendor. */
    async readVendorMaster(input: { vendorId: string }): Promise<VendorMaster | null> {
      return botStep(deps, `vendor-${input.vendorId}`, async (page) => {
        const read = await new VendorDetailPage(page, deps.portalUrl).read(input.vendorId);
        if (!read) return null;
        return {
          vendorId: read.vendorId,
          name: read.name,
          vatId: read.vatId,
          iban: compactIban(read.iban),
          active: read.status.toLowerCase() === 'active',
        };
      });
    },

    /** The purchase order with the quantities its goods receipts recorded, or null when it does not exist. */
    async readPurchaseOrder(input: { purchaseOrderId: string }): Promise<PurchaseOrderView | null> {
      return botStep(
        deps,
        `po-${input.purchaseOrderId}`,
        async (page) => (await new PurchaseOrderPage(page, deps.portalUrl).read(input.purchaseOrderId)) ?? null,
      );
    },

    /** The posting of this vendor and invoice number that is not reversed, or null. */
    async findPostedInvoice(input: {
      vendorId: string;
      invoiceNumber: string;
    }): Promise<{ documentNumber: string } | null> {
      return botStep(deps, `find-${input.vendorId}`, async (page) => {
        const rows = await new InvoiceSearchPage(page, deps.portalUrl).find(input.vendorId, input.invoiceNumber);
        const posted = rows.find((r) => r.status === 'posted');
        return posted ? { documentNumber: posted.documentNumber } : null;
      });
    },

    /** Posts the invoice exactly once: looks it up first, enters it only when absent. */
    async postInvoice(input: { invoice: Invoice }): Promise<PostInvoiceResult> {
      const { invoice } = input;
      return botStep(deps, `post-${invoice.vendorId}`, async (page) => {
        const existing = (
          await new InvoiceSearchPage(page, deps.portalUrl).find(invoice.vendorId, invoice.invoiceNumber)
        ).find((r) => r.status === 'posted');
        if (existing) return { documentNumber: existing.documentNumber, alreadyPosted: true };
        Context.current().heartbeat('looked-up');
        const documentNumber = await new InvoiceEntryPage(page, deps.portalUrl).enterAndPost({
          vendorId: invoice.vendorId,
          invoiceNumber: invoice.invoiceNumber,
          invoiceDate: invoice.invoiceDate,
          dueDate: invoice.dueDate,
          currency: invoice.currency,
          purchaseOrderId: invoice.poNumber ?? '',
          invoiceTotal: decimal(invoice.total, invoice.currency),
          lines: invoice.lines.map((l) => ({
            description: l.description,
            quantity: String(l.quantity),
            unitPrice: String(l.unitPrice),
            taxRate: String(l.taxRate),
          })),
        });
        log.info('invoice posted', {
          vendorId: invoice.vendorId,
          invoiceNumber: invoice.invoiceNumber,
          documentNumber,
        });
        return { documentNumber, alreadyPosted: false };
      });
    },

    /** Reverses a posting (compensation); reversing one that already is reversed returns its reversal. */
    async reverseInvoicePosting(input: {
      documentNumber: string;
      reason: string;
    }): Promise<{ reversalDocumentNumber: string; alreadyReversed: boolean }> {
      return botStep(deps, `reverse-${input.documentNumber}`, async (page) =>
        new InvoiceDetailPage(page, deps.portalUrl).reverse(input.documentNumber, input.reason),
      );
    },
  };
}

export type InvoiceBotActivities = ReturnType<typeof createInvoiceBotActivities>;
