import { z } from 'zod';

/**
 * A vendor to onboard, as it arrives in a data-entry file. Checks here are about shape (so obviously bad rows
 * never reach a bot); the portal stays the authority on the rest (IBAN check digits, duplicates), and what it
 * refuses comes back as a rejection with evidence.
 */
export const vendorRecordSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  vatId: z
    .string()
    .transform((v) => v.replace(/[\s.-]/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}[0-9A-Z+*]{2,13}$/, 'must be a country prefix and number, e.g. DE123456789')),
  iban: z
    .string()
    .transform((v) => v.replace(/\s/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, 'must be an IBAN, e.g. DE89 3704 0044 0532 0130 00')),
  email: z.email('must be an email address'),
  address: z.string().trim().min(1, 'is required'),
});

export type VendorRecord = z.output<typeof vendorRecordSchema>;

/** A validated record with its row in the source file (1-based, counting data rows). */
export interface NumberedVendorRecord {
  row: number;
  record: VendorRecord;
}
