import { z } from 'zod';
import { decimalString } from './decimal';

/** BG-22 Document totals. */
export const documentTotalsSchema = z.object({
  /** BT-106 sum of invoice line net amounts. */
  lineNet: decimalString,
  /** BT-107 sum of allowances on document level. */
  allowances: decimalString.optional(),
  /** BT-108 sum of charges on document level. */
  charges: decimalString.optional(),
  /** BT-109 invoice total amount without VAT. */
  taxExclusive: decimalString,
  /** BT-110 invoice total VAT amount. */
  tax: decimalString.optional(),
  /** BT-111 invoice total VAT amount in accounting currency (BT-6). */
  taxInAccountingCurrency: decimalString.optional(),
  /** BT-112 invoice total amount with VAT. */
  taxInclusive: decimalString,
  /** BT-113 paid amount (prepaid). */
  prepaid: decimalString.optional(),
  /** BT-114 rounding amount. */
  rounding: decimalString.optional(),
  /** BT-115 amount due for payment. */
  amountDue: decimalString,
});

export type DocumentTotals = z.infer<typeof documentTotalsSchema>;
