import { z } from 'zod';
import { ibanSchema, vatIdSchema } from '../engine/bank-ids';
import { invoiceNumberKey, invoiceNumberSchema } from './invoice-number';
import { currencyCode, fromMinor, hasCurrencyPrecision, isoDate, minorUnits, toMinor } from '../engine/money';

export const invoiceLineSchema = z.object({
  description: z.string().trim().min(1, 'is required'),
  quantity: z.number().positive('must be greater than 0'),
  unitPrice: z.number().nonnegative('must not be negative'),
  /** Tax rate in percent, e.g. 19 for 19 % VAT. */
  taxRate: z.number().min(0, 'must not be negative').max(100, 'must be at most 100'),
  /** The purchase-order line this line bills; by position when left out. */
  poLineNo: z.number().int().positive().optional(),
});

/** Early-payment discount, e.g. 2 % if paid within 10 days of the invoice date ("2/10 net 30"). */
export const paymentTermsSchema = z.object({
  discountPercent: z.number().gt(0, 'must be greater than 0').max(20, 'must be at most 20'),
  discountDays: z.number().int().min(0, 'must not be negative').max(365, 'must be at most 365'),
});

/**
 * An invoice as it arrives at intake. Amounts are decimal numbers in the invoice currency; every total is
 * recomputed line by line (rounded per line, as invoicing rules require) and must match what the invoice states.
 */
export const invoiceSchema = z
  .object({
    vendorId: z
      .string()
      .trim()
      .regex(/^V-\d{4,}$/, 'must look like V-0001'),
    vendorName: z.string().trim().min(1, 'is required'),
    invoiceNumber: invoiceNumberSchema,
    invoiceDate: isoDate,
    dueDate: isoDate,
    currency: currencyCode,
    poNumber: z.string().trim().min(1).optional(),
    vendorVatId: vatIdSchema.optional(),
    /** The account the vendor asks to be paid to; it must match the vendor master. */
    iban: ibanSchema.optional(),
    paymentTerms: paymentTermsSchema.optional(),
    submittedBy: z.string().trim().min(1, 'is required'),
    lines: z.array(invoiceLineSchema).min(1, 'must hold at least one line').max(500, 'must hold at most 500 lines'),
    subtotal: z.number().nonnegative(),
    taxTotal: z.number().nonnegative(),
    total: z.number().nonnegative(),
  })
  .superRefine((invoice, ctx) => {
    if (invoice.dueDate < invoice.invoiceDate) {
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'must not be before invoiceDate' });
    }
    if (!currencyCode.safeParse(invoice.currency).success) return;
    const { currency } = invoice;
    for (const field of ['subtotal', 'taxTotal', 'total'] as const) {
      if (!hasCurrencyPrecision(invoice[field], currency)) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `has more than ${minorUnits(currency)} decimals for ${currency}`,
        });
      }
    }
    const computed = computeTotals(invoice.lines, currency);
    const check = (field: 'subtotal' | 'taxTotal' | 'total', expected: number) => {
      if (toMinor(invoice[field], currency) !== toMinor(expected, currency)) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `is ${invoice[field]} but the lines add up to ${expected}`,
        });
      }
    };
    check('subtotal', computed.subtotal);
    check('taxTotal', computed.taxTotal);
    check('total', computed.total);
  });

export type Invoice = z.output<typeof invoiceSchema>;
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

/** Line amounts and tax are rounded per line to the currency's minor units, then summed exactly. */
export function computeTotals(
  lines: InvoiceLine[],
  currency: string,
): { subtotal: number; taxTotal: number; total: number } {
  let net = 0;
  let tax = 0;
  for (const line of lines) {
    // toFixed first: 1.005 × 100 is 100.49999… in binary, but a person rounds it to 101.
    const lineNet = Math.round(Number((line.quantity * line.unitPrice * 10 ** minorUnits(currency)).toFixed(6)));
    net += lineNet;
    tax += Math.round(Number(((lineNet * line.taxRate) / 100).toFixed(6)));
  }
  return {
    subtotal: fromMinor(net, currency),
    taxTotal: fromMinor(tax, currency),
    total: fromMinor(net + tax, currency),
  };
}

/**
 * The business key that names the workflow: one vendor cannot bill the same invoice number twice. Plain numbers
 * keep the id they always had (`invoice:V-0001:INV-1`), so resubmissions of earlier invoices are still recognised.
 */
export function invoiceBusinessKey(invoice: Pick<Invoice, 'vendorId' | 'invoiceNumber'>): string {
  return `invoice:${invoice.vendorId.trim()}:${invoiceNumberKey(invoice.invoiceNumber)}`;
}

export const invoiceStatusSchema = z.enum(['received', 'registered', 'failed']);
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>;

export interface InvoiceIntakeResult {
  businessKey: string;
  status: InvoiceStatus;
  ledgerEntryId: string;
  alreadyInLedger: boolean;
  total: number;
  currency: string;
  dueDate: string;
}
