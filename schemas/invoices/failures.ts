import { defineFailures } from '../engine/failures';

/** How an invoice can fail for good after it was accepted. */
export const invoiceFailures = defineFailures({
  PaymentBlocked: { retryable: false, status: 409, meaning: 'the vendor changed since approval; the payment stops' },
});
