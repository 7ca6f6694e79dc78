import type { Config } from '../../platform/config';
import { invoicePolicySchema, type InvoicePolicy } from '../../schemas/invoices/invoice-policy';

/** The invoice policy as configured (INVOICE_* variables), checked as a whole. */
export function invoicePolicyFromConfig(
  config: Pick<
    Config,
    | 'INVOICE_AUTO_APPROVE_LIMIT'
    | 'INVOICE_DUAL_APPROVAL_LIMIT'
    | 'INVOICE_PRICE_TOLERANCE_PERCENT'
    | 'INVOICE_QUANTITY_TOLERANCE_PERCENT'
    | 'INVOICE_TAKE_EARLY_PAYMENT_DISCOUNT'
    | 'INVOICE_APPROVER_ROLE'
    | 'INVOICE_EXCEPTION_ROLE'
    | 'INVOICE_BANK_REVIEW_ROLE'
    | 'INVOICE_TASK_DUE_IN'
  >,
): InvoicePolicy {
  return invoicePolicySchema.parse({
    autoApproveLimit: config.INVOICE_AUTO_APPROVE_LIMIT,
    dualApprovalLimit: config.INVOICE_DUAL_APPROVAL_LIMIT,
    priceTolerancePercent: config.INVOICE_PRICE_TOLERANCE_PERCENT,
    quantityTolerancePercent: config.INVOICE_QUANTITY_TOLERANCE_PERCENT,
    takeEarlyPaymentDiscount: config.INVOICE_TAKE_EARLY_PAYMENT_DISCOUNT,
    approverRole: config.INVOICE_APPROVER_ROLE,
    exceptionRole: config.INVOICE_EXCEPTION_ROLE,
    bankReviewRole: config.INVOICE_BANK_REVIEW_ROLE,
    taskDueIn: config.INVOICE_TASK_DUE_IN,
  });
}
