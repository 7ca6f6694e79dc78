/**
 * The stages from the posting on: posting by the bot exactly once, payment on its day, and the reversal of the
 * posting (the saga's compensation) when a later step fails for good.
 */
import {
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { InvoiceActivities } from '../../activities/invoices';
import { paymentPlan } from '../../schemas/invoices/invoice-policy';
import type { InvoiceProcessingResult, VendorMaster } from '../../schemas/invoices/invoice-processing';
import { invoiceFailures } from '../../schemas/invoices/failures';
import { BpoDueDate } from '../engine/search-attributes';
import { dayAttribute } from './invoice-search-attributes';
import { enter, failureMessage, finish, type InvoiceRun } from './invoice-run';

const engine = proxyActivities<InvoiceActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Registers the posting's reversal with the saga, once the portal holds the posting. */
function undoPosting(run: InvoiceRun): void {
  run.saga.onUndo('reverse-posting', async () => {
    const reversal = await run.bots.persistent.reverseInvoicePosting({
      documentNumber: run.state.documentNumber as string,
      reason: `Reversed by invoice processing: ${run.compensationReason}`,
    });
    run.state.reversalDocumentNumber = reversal.reversalDocumentNumber;
  });
}

/**
 * 4. Posting, exactly once: the bot looks the invoice up before it enters it. Returns the posting's document
 * number (the caller then enters `posted`), or how the invoice ended when the posting failed.
 */
export async function post(run: InvoiceRun): Promise<{ documentNumber: string } | { ended: InvoiceProcessingResult }> {
  const { invoice, state } = run;
  enter(run, 'posting');
  try {
    const posted = await run.bots.steps.postInvoice({ invoice });
    state.documentNumber = posted.documentNumber;
  } catch (err) {
    if (isCancellation(err)) throw err;
    // The last attempt may have posted before it failed: find out, so such a posting is reversed too.
    const found = await CancellationScope.nonCancellable(() =>
      run.bots.persistent.findPostedInvoice({ vendorId: invoice.vendorId, invoiceNumber: invoice.invoiceNumber }),
    );
    if (!found) return { ended: await finish(run, 'failed', failureMessage(err)) };
    state.documentNumber = found.documentNumber;
    undoPosting(run);
    return { ended: await compensate(run, failureMessage(err)) };
  }
  undoPosting(run);
  return { documentNumber: state.documentNumber };
}

/** 5. Payment on its day (a durable timer), then released after a last check of the vendor master. */
export async function payOnDueDate(
  run: InvoiceRun,
  vendor: VendorMaster,
  documentNumber: string,
): Promise<InvoiceProcessingResult> {
  const { invoice, policy, state } = run;
  try {
    const plan = paymentPlan(invoice, policy, new Date().toISOString().slice(0, 10));
    state.payment = plan;
    (run.publish ?? upsertSearchAttributes)([{ key: BpoDueDate, value: dayAttribute(plan.payOn) }]);
    enter(run, 'payment-scheduled');
    const wait = Date.parse(`${plan.payOn}T00:00:00Z`) - new Date().getTime();
    if (wait > 0) await condition(() => run.payNow, wait);
    enter(run, 'paying');
    const current = await run.bots.steps.readVendorMaster({ vendorId: invoice.vendorId });
    if (!current?.active)
      throw invoiceFailures.create('PaymentBlocked', `vendor ${invoice.vendorId} was deactivated before payment`);
    if (current.iban !== vendor.iban)
      throw invoiceFailures.create(
        'PaymentBlocked',
        `the bank account of vendor ${invoice.vendorId} changed after approval`,
      );
    const released = await engine.releasePayment({
      businessKey: state.businessKey,
      documentNumber,
      vendorId: invoice.vendorId,
      iban: invoice.iban ?? current.iban,
      amount: plan.amount,
      currency: invoice.currency,
      payOn: plan.payOn,
      discount: plan.discount,
    });
    state.payment = { ...plan, paymentId: released.paymentId };
    return finish(run, 'paid');
  } catch (err) {
    if (isCancellation(err)) {
      await compensate(run, 'the invoice was cancelled after posting');
      throw err;
    }
    return compensate(run, failureMessage(err));
  }
}

/** Reverses the posting in the portal, whatever else happens (also when the workflow is being cancelled). */
async function compensate(run: InvoiceRun, reason: string): Promise<InvoiceProcessingResult> {
  run.compensationReason = reason;
  return CancellationScope.nonCancellable(async () => {
    await run.saga.compensate();
    return finish(run, 'reversed', reason);
  });
}
