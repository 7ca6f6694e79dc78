import { z } from 'zod';
import { isoDate } from '../../engine/dates';
import { currencyCode } from '../../engine/money';
import { documentAllowanceChargeSchema } from './allowance-charge';
import { invoiceLineSchema } from './line';
import { payeeSchema, tradePartySchema } from './party';
import { documentTotalsSchema } from './totals';
import { vatBreakdownSchema } from './vat';

/** BG-3 preceding invoice reference, which a credit note names. */
export const precedingInvoiceSchema = z.object({
  /** BT-25 preceding invoice number. */
  number: z.string().trim().min(1, 'is required'),
  /** BT-26 preceding invoice issue date. */
  issueDate: isoDate.optional(),
});

/** BG-16 payment instructions. */
export const paymentMeansSchema = z.object({
  /** BT-81 payment means type code (UNCL4461), e.g. 30 credit transfer, 58 SEPA credit transfer. */
  typeCode: z.string().trim().min(1, 'is required'),
  /** BT-83 remittance information. */
  remittanceInformation: z.string().trim().min(1).optional(),
  /** BT-84 payment account identifier (IBAN). */
  accountId: z.string().trim().min(1).optional(),
  /** BT-85 payment account name. */
  accountName: z.string().trim().min(1).optional(),
  /** BT-86 payment service provider identifier (BIC). */
  serviceProviderId: z.string().trim().min(1).optional(),
});

/**
 * The EN 16931 semantic model of one invoice or credit note, whatever syntax it arrived in. Amounts are
 * decimal strings in the document currency; a credit note states its amounts positive, as an invoice does.
 */
export const en16931DocumentSchema = z.object({
  documentType: z.enum(['invoice', 'credit-note']),
  /** BT-1 invoice number. */
  number: z.string().trim().min(1, 'is required'),
  /** BT-2 issue date. */
  issueDate: isoDate,
  /** BT-3 type code (UNCL1001): 380 commercial invoice, 381 credit note, 384 corrected invoice, … */
  typeCode: z.string().regex(/^\d{3}$/, 'must be a three-digit UNCL1001 code, e.g. 380'),
  /** BT-5 document currency. */
  currency: currencyCode,
  /** BT-6 VAT accounting currency, when it differs. */
  taxCurrency: currencyCode.optional(),
  /** BT-9 payment due date; optional when payment terms say when. */
  dueDate: isoDate.optional(),
  /** BT-10 buyer reference. */
  buyerReference: z.string().trim().min(1).optional(),
  /** BT-12 contract reference. */
  contractReference: z.string().trim().min(1).optional(),
  /** BT-13 purchase order reference. */
  orderReference: z.string().trim().min(1).optional(),
  /** BT-20 payment terms. */
  paymentTerms: z.string().trim().min(1).optional(),
  /** BG-3 preceding invoices. */
  precedingInvoices: z.array(precedingInvoiceSchema).default([]),
  /** BG-4 seller. */
  seller: tradePartySchema,
  /** BT-63 seller tax representative VAT identifier (BG-11). */
  taxRepresentativeVatId: z.string().trim().min(1).optional(),
  /** BG-7 buyer. */
  buyer: tradePartySchema,
  /** BG-10 payee. */
  payee: payeeSchema.optional(),
  /** BG-16 payment instructions. */
  paymentMeans: z.array(paymentMeansSchema).default([]),
  /** BG-20 document level allowances. */
  allowances: z.array(documentAllowanceChargeSchema).default([]),
  /** BG-21 document level charges. */
  charges: z.array(documentAllowanceChargeSchema).default([]),
  /** BG-22 document totals. */
  totals: documentTotalsSchema,
  /** BG-23 VAT breakdown. */
  vatBreakdown: z.array(vatBreakdownSchema).default([]),
  /** BG-25 invoice lines. */
  lines: z.array(invoiceLineSchema).min(1, 'must have at least one line (BR-16)'),
});

export type En16931Document = z.infer<typeof en16931DocumentSchema>;
export type En16931DocumentInput = z.input<typeof en16931DocumentSchema>;
