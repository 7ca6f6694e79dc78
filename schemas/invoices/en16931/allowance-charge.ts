import { z } from 'zod';
import { decimalString } from './decimal';
import { vatCategorySchema } from './vat';

/**
 * BG-20 document allowance / BG-21 document charge (BT-92…BT-98 / BT-99…BT-105), and without the VAT
 * category BG-27 line allowance / BG-28 line charge (BT-136…BT-140 / BT-141…BT-145).
 */
const allowanceChargeFields = {
  /** BT-92 / BT-99 / BT-136 / BT-141 amount without VAT. */
  amount: decimalString,
  /** BT-93 / BT-100 / BT-137 / BT-142 base amount. */
  baseAmount: decimalString.optional(),
  /** BT-94 / BT-101 / BT-138 / BT-143 percentage. */
  percentage: decimalString.optional(),
  /** BT-97 / BT-104 / BT-139 / BT-144 reason text. */
  reason: z.string().trim().min(1).optional(),
  /** BT-98 / BT-105 / BT-140 / BT-145 reason code. */
  reasonCode: z.string().trim().min(1).optional(),
};

export const lineAllowanceChargeSchema = z.object(allowanceChargeFields);

/** Document level: also carries its VAT category (BT-95 / BT-102) and rate (BT-96 / BT-103). */
export const documentAllowanceChargeSchema = z.object({ ...allowanceChargeFields, vat: vatCategorySchema });

export type DocumentAllowanceCharge = z.infer<typeof documentAllowanceChargeSchema>;
