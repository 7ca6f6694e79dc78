import { z } from 'zod';

/** An identifier with the scheme that issued it, e.g. a GLN with scheme 0088 or a Peppol endpoint with 9930. */
export const schemedIdSchema = z.object({
  id: z.string().trim().min(1, 'is required'),
  scheme: z.string().trim().min(1).optional(),
});

/** BG-4 Seller / BG-7 Buyer: the terms the two parties share; numbers below are the seller's (buyer's). */
export const tradePartySchema = z.object({
  /** BT-27 (BT-44) name. */
  name: z.string().trim().min(1, 'is required'),
  /** BT-28 (BT-45) trading name. */
  tradingName: z.string().trim().min(1).optional(),
  /** BT-29 (BT-46) identifiers, e.g. GLN; each with its scheme (BT-29-1). */
  identifiers: z.array(schemedIdSchema).default([]),
  /** BT-30 (BT-47) legal registration identifier, with its scheme (BT-30-1). */
  legalRegistrationId: schemedIdSchema.optional(),
  /** BT-31 (BT-48) VAT identifier, with its country prefix. */
  vatId: z.string().trim().min(1).optional(),
  /** BT-32 seller tax registration identifier (seller only). */
  taxRegistrationId: z.string().trim().min(1).optional(),
  /** BT-34 (BT-49) electronic address with its scheme (BT-34-1), the Peppol endpoint. */
  electronicAddress: schemedIdSchema.optional(),
  /** BT-40 (BT-55) country code of the postal address. */
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code')
    .optional(),
});

export type TradeParty = z.infer<typeof tradePartySchema>;

/** BG-10 Payee, when someone other than the seller is paid. */
export const payeeSchema = z.object({
  /** BT-59 payee name. */
  name: z.string().trim().min(1, 'is required'),
  /** BT-60 payee identifier. */
  identifier: schemedIdSchema.optional(),
  /** BT-61 payee legal registration identifier. */
  legalRegistrationId: schemedIdSchema.optional(),
});
