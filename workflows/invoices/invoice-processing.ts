import { isCancellation } from '@temporalio/workflow';
import type {
  InvoiceProcessingInput,
  InvoiceProcessingResult,
  VendorMaster,
} from '../../schemas/invoices/invoice-processing';
import { approveByPolicy, matchPurchaseOrder, reviewBankAccount, validateVendor } from './invoice-checks';
import { payOnDueDate, post } from './invoice-posting';
import { enter, failureMessage, finish, openInvoice, Rejection } from './invoice-run';

export { invoiceProcessingStatusQuery, payInvoiceNowSignal } from './invoice-messages';

/**
 * Invoice processing end to end: business validation and the three-way match by the portal bot, approval by
 * policy (people via human tasks, never the submitter), posting by the bot exactly once, then payment on its day
 * by a durable timer. A posting whose later step fails for good is reversed in the portal.
 */
export async function invoiceProcessing(input: InvoiceProcessingInput): Promise<InvoiceProcessingResult> {
  const run = openInvoice(input);
  let vendor: VendorMaster;
  try {
    vendor = await validateVendor(run);
    await reviewBankAccount(run, vendor);
    await matchPurchaseOrder(run);
    await approveByPolicy(run, vendor);
  } catch (err) {
    if (err instanceof Rejection) return finish(run, 'rejected', err.message);
    if (isCancellation(err)) throw err;
    return finish(run, 'failed', failureMessage(err));
  }

  const posting = await post(run);
  if ('ended' in posting) return posting.ended;
  // Entered here, in the same step as the payment's schedule: a findable run sends what one activation changed as
  // one upsert, and `posted` entered first keeps BpoStatus ahead of BpoDueDate in it.
  enter(run, 'posted');
  return payOnDueDate(run, vendor, posting.documentNumber);
}
