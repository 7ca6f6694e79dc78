import { defineQuery, log, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { createLedgerActivities } from '../../activities/invoices/ledger';
import {
  invoiceBusinessKey,
  type Invoice,
  type InvoiceIntakeResult,
  type InvoiceStatus,
} from '../../schemas/invoices/invoice';
import { invoiceSearchAttributes } from './invoice-search-attributes';
import { BpoStatus } from '../engine/search-attributes';

const ledger = proxyActivities<ReturnType<typeof createLedgerActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export interface InvoiceIntakeState {
  businessKey: string;
  status: InvoiceStatus;
  ledgerEntryId?: string;
}

export const invoiceStatusQuery = defineQuery<InvoiceIntakeState>('invoiceStatus');

/**
 * The first slice of invoice processing: an invoice validated at the boundary is registered in the
 * AP ledger exactly once and becomes findable by vendor, amount, due date and status.
 */
export async function invoiceIntake(invoice: Invoice): Promise<InvoiceIntakeResult> {
  const state: InvoiceIntakeState = { businessKey: invoiceBusinessKey(invoice), status: 'received' };
  setHandler(invoiceStatusQuery, () => state);

  upsertSearchAttributes(invoiceSearchAttributes(invoice, state.status));

  const entry = await ledger.registerInvoice({ businessKey: state.businessKey, invoice });
  state.status = 'registered';
  state.ledgerEntryId = entry.entryId;
  upsertSearchAttributes([{ key: BpoStatus, value: state.status }]);
  log.info('invoice registered', {
    businessKey: state.businessKey,
    entryId: entry.entryId,
    alreadyInLedger: entry.alreadyPresent,
  });

  return {
    businessKey: state.businessKey,
    status: state.status,
    ledgerEntryId: entry.entryId,
    alreadyInLedger: entry.alreadyPresent,
    total: invoice.total,
    currency: invoice.currency,
    dueDate: invoice.dueDate,
  };
}
