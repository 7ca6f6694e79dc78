import { z } from 'zod';
import { lineAllowanceChargeSchema } from './allowance-charge';
import { decimalString } from './decimal';
import { vatCategorySchema } from './vat';

/** BG-25 Invoice line. */
export const invoiceLineSchema = z.object({
  /** BT-126 line identifier. */
  id: z.string().trim().min(1, 'is required'),
  /** BT-129 invoiced quantity; negative for corrections and returns. */
  quantity: decimalString,
  /** BT-130 unit of measure (UN/ECE Rec 20), e.g. C62 or HUR. */
  unitCode: z.string().trim().min(1, 'is required'),
  /** BT-131 line net amount: quantity × price ÷ base quantity − allowances + charges. */
  netAmount: decimalString,
  /** BT-132 referenced purchase order line. */
  orderLineReference: z.string().trim().min(1).optional(),
  /** BT-153 item name. */
  itemName: z.string().trim().min(1, 'is required'),
  /** BT-155 seller's item identifier. */
  sellersItemId: z.string().trim().min(1).optional(),
  /** BT-146 item net price, never negative (BR-27). */
  price: decimalString,
  /** BT-149 item price base quantity: the price is for this many units. */
  baseQuantity: decimalString.optional(),
  /** BG-27 line allowances. */
  allowances: z.array(lineAllowanceChargeSchema).default([]),
  /** BG-28 line charges. */
  charges: z.array(lineAllowanceChargeSchema).default([]),
  /** BT-151 invoiced item VAT category and BT-152 its rate. */
  vat: vatCategorySchema,
});

export type InvoiceLine = z.infer<typeof invoiceLineSchema>;
