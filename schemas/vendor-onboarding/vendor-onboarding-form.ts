import { z } from 'zod';
import { ibanSchema, vatIdSchema } from '../engine/bank-ids';

/**
 * What a clerk fills in to onboard a supplier; the requester comes from the session, never from the form. The
 * supporting text is what the supplier sent to prove the details (e.g. the body of their bank's letter).
 */
export const vendorOnboardingForm = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(120, 'must be at most 120 characters')
    .meta({ title: 'Supplier name' }),
  vatId: vatIdSchema.meta({ title: 'VAT ID', description: 'e.g. DE123456789' }),
  iban: ibanSchema.meta({ title: 'IBAN', description: 'Spaces are allowed' }),
  email: z.email('must be an email address').meta({ title: 'E-mail' }),
  address: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
  supportingText: z
    .string()
    .trim()
    .min(20, 'must be at least 20 characters')
    .max(20_000, 'must be at most 20,000 characters')
    .meta({
      title: 'Supporting text',
      description: "The supplier's evidence, e.g. the body of their bank's letter confirming the account",
    }),
});

export type VendorOnboardingForm = z.output<typeof vendorOnboardingForm>;
