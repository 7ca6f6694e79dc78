import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { InvoiceProcessingState } from '../../schemas/invoices/invoice-processing';

export const invoiceProcessingStatusQuery = defineQuery<InvoiceProcessingState>('invoiceProcessingStatus');
/** An operator releases a scheduled payment now instead of on its day (e.g. the vendor asked, or a test). */
export const payInvoiceNowSignal = defineSignal<[{ by: string }]>('payInvoiceNow');
