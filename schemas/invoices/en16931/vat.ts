import { z } from 'zod';
import { decimalString } from './decimal';

/**
 * UNCL5305 VAT category codes used by EN 16931: S standard, Z zero rated, E exempt, AE reverse charge,
 * K intra-community supply, G export outside the EU, O outside the scope of VAT, L/M Canary Islands / Ceuta.
 */
export const vatCategoryCode = z.enum(['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M']);
export type VatCategoryCode = z.infer<typeof vatCategoryCode>;

/** The VAT a line, allowance or charge falls under: category and, except for O, rate in percent. */
export const vatCategorySchema = z.object({
  category: vatCategoryCode,
  rate: decimalString.optional(),
});

/** BG-23 VAT breakdown: one entry per category (per category and rate for S). */
export const vatBreakdownSchema = z.object({
  /** BT-116 VAT category taxable amount. */
  taxableAmount: decimalString,
  /** BT-117 VAT category tax amount. */
  taxAmount: decimalString,
  /** BT-118 VAT category code. */
  category: vatCategoryCode,
  /** BT-119 VAT category rate in percent; absent for O. */
  rate: decimalString.optional(),
  /** BT-120 VAT exemption reason text. */
  exemptionReason: z.string().trim().min(1).optional(),
  /** BT-121 VAT exemption reason code, e.g. VATEX-EU-AE. */
  exemptionReasonCode: z.string().trim().min(1).optional(),
});

export type VatBreakdown = z.infer<typeof vatBreakdownSchema>;
