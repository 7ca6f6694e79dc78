import type { SearchAttributePair } from '@temporalio/common';
import { invoiceBusinessKey, type Invoice } from '../../schemas/invoices/invoice';
import type { InvoiceProcessingStatus } from '../../schemas/invoices/invoice-processing';
import { BpoAmount, BpoBusinessKey, BpoDueDate, BpoProcess, BpoStatus, BpoVendor } from '../engine/search-attributes';

/** Midnight UTC of a calendar day, as the BpoDueDate attribute holds it. */
export const dayAttribute = (day: string) => new Date(`${day}T00:00:00Z`);

/** Every search attribute of an invoice run, with the status given. */
export function invoiceSearchAttributes(invoice: Invoice, status: string): SearchAttributePair[] {
  return [
    { key: BpoProcess, value: 'invoice' },
    { key: BpoStatus, value: status },
    { key: BpoBusinessKey, value: invoiceBusinessKey(invoice) },
    { key: BpoVendor, value: invoice.vendorId },
    { key: BpoAmount, value: invoice.total },
    { key: BpoDueDate, value: dayAttribute(invoice.dueDate) },
  ];
}

/**
 * The search attributes the engine's client starts an invoice run with: the invoice is findable by vendor,
 * amount and due date from its first event, before any worker has picked it up.
 */
export const invoiceStartSearchAttributes = (invoice: Invoice) => invoiceSearchAttributes(invoice, 'processing');

/** States an invoice waits in (for people or for its payment day) or ends in: BpoStatus names them. */
const publishedStates = new Set<InvoiceProcessingStatus>([
  'bank-review',
  'match-exception',
  'awaiting-approval',
  'payment-scheduled',
  'paid',
  'rejected',
  'reversed',
  'failed',
]);

/**
 * What BpoStatus says of a run started with its search attributes: where the invoice waits or how it ended,
 * and `processing` while the engine works on it by itself. The step within `processing` (validating, posting …)
 * is in the status query; publishing each one would cost a history event and a visibility write per step.
 */
export function publishedInvoiceStatus(status: InvoiceProcessingStatus): InvoiceProcessingStatus | 'processing' {
  return publishedStates.has(status) ? status : 'processing';
}
