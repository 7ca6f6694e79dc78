/**
 * The auto-approve path of invoice processing as a bare Temporal workflow, the baseline of the engine-overhead
 * benchmark: the same activities, in the same order, with the same arguments and activity options, and nothing
 * else (no search attributes, query, state or policy branches). The invoice must be auto-approvable and already
 * due, so the path is fixed and no timer is needed.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { InvoiceActivities } from '../../activities/invoices';
import type { InvoiceBotActivities } from '../../activities/invoices/invoice-bot';
import { invoiceBusinessKey } from '../../schemas/invoices/invoice';
import { paymentPlan } from '../../schemas/invoices/invoice-policy';
import type { InvoiceProcessingInput } from '../../schemas/invoices/invoice-processing';

// Same options as the engine's proxies, so retries and timeouts cost the same.
const engine = proxyActivities<InvoiceActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function bareInvoice({
  invoice,
  policy,
  botsTaskQueue,
}: InvoiceProcessingInput): Promise<{ documentNumber: string; paymentId: string }> {
  const bots = proxyActivities<InvoiceBotActivities>({
    taskQueue: botsTaskQueue,
    startToCloseTimeout: '3 minutes',
    heartbeatTimeout: '1 minute',
    retry: {
      initialInterval: '2 seconds',
      maximumInterval: '30 seconds',
      maximumAttempts: 4,
      nonRetryableErrorTypes: ['PortalRejected', 'PortalLoginRejected'],
    },
  });
  await bots.readVendorMaster({ vendorId: invoice.vendorId });
  if (invoice.poNumber) await bots.readPurchaseOrder({ purchaseOrderId: invoice.poNumber });
  const { documentNumber } = await bots.postInvoice({ invoice });
  // The release carries the plan's amount and day, so the bare path computes it as the engine does.
  const plan = paymentPlan(invoice, policy, new Date().toISOString().slice(0, 10));
  const current = await bots.readVendorMaster({ vendorId: invoice.vendorId });
  const released = await engine.releasePayment({
    businessKey: invoiceBusinessKey(invoice),
    documentNumber,
    vendorId: invoice.vendorId,
    iban: invoice.iban ?? current?.iban ?? '',
    amount: plan.amount,
    currency: invoice.currency,
    payOn: plan.payOn,
    discount: plan.discount,
  });
  return { documentNumber, paymentId: released.paymentId };
}
