import { z } from 'zod';
import type { Invoice } from './invoice';
import { fromMinor, toMinor } from '../engine/money';

/**
 * How invoices are handled: approval limits, match tolerances, discounts and who works which task. It is
 * resolved from config when an invoice is submitted and travels in the workflow's input, so every invoice
 * records the policy it ran under and a config change never alters a running invoice.
 */
export const invoicePolicySchema = z
  .object({
    /** Gross totals at or below this are approved without a person. */
    autoApproveLimit: z.number().min(0),
    /** Gross totals above this need two distinct approvers. */
    dualApprovalLimit: z.number().min(0),
    /** Allowed deviation of the invoiced unit price from the PO price, in percent. */
    priceTolerancePercent: z.number().min(0).max(100),
    /** Allowed excess of invoiced over received quantity, in percent. */
    quantityTolerancePercent: z.number().min(0).max(100),
    /** Pay early to take a discount the invoice offers. */
    takeEarlyPaymentDiscount: z.boolean(),
    approverRole: z.string().min(1),
    exceptionRole: z.string().min(1),
    bankReviewRole: z.string().min(1),
    /** How long a person has for a task (Temporal duration, e.g. '2 days'). */
    taskDueIn: z.string().min(1),
  })
  .refine((p) => p.dualApprovalLimit >= p.autoApproveLimit, {
    path: ['dualApprovalLimit'],
    message: 'must not be below autoApproveLimit',
  });

export type InvoicePolicy = z.infer<typeof invoicePolicySchema>;

export const defaultInvoicePolicy: InvoicePolicy = {
  autoApproveLimit: 1_000,
  dualApprovalLimit: 10_000,
  priceTolerancePercent: 2,
  quantityTolerancePercent: 0,
  takeEarlyPaymentDiscount: true,
  approverRole: 'approver',
  exceptionRole: 'clerk',
  bankReviewRole: 'manager',
  taskDueIn: '2 days',
};

/** How many distinct people must approve an invoice of this gross total (in its own currency). */
export function approversNeeded(total: number, policy: InvoicePolicy): 0 | 1 | 2 {
  if (total <= policy.autoApproveLimit) return 0;
  return total > policy.dualApprovalLimit ? 2 : 1;
}

export interface PaymentPlan {
  /** The day the payment goes out (YYYY-MM-DD). */
  payOn: string;
  amount: number;
  discount: number;
  reason: 'due-date' | 'early-payment-discount';
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Pays on the due date, or on the last day of the discount period when the invoice offers one, the policy takes
 * it and that day has not passed yet (`today` is the workflow's own clock).
 */
export function paymentPlan(
  invoice: Pick<Invoice, 'total' | 'currency' | 'invoiceDate' | 'dueDate' | 'paymentTerms'>,
  policy: InvoicePolicy,
  today: string,
): PaymentPlan {
  const terms = invoice.paymentTerms;
  if (terms && policy.takeEarlyPaymentDiscount) {
    const lastDiscountDay = addDays(invoice.invoiceDate, terms.discountDays);
    if (lastDiscountDay >= today) {
      const discount = fromMinor(
        Math.round((toMinor(invoice.total, invoice.currency) * terms.discountPercent) / 100),
        invoice.currency,
      );
      const amount = fromMinor(
        toMinor(invoice.total, invoice.currency) - toMinor(discount, invoice.currency),
        invoice.currency,
      );
      return { payOn: lastDiscountDay, amount, discount, reason: 'early-payment-discount' };
    }
  }
  return { payOn: invoice.dueDate, amount: invoice.total, discount: 0, reason: 'due-date' };
}
