import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { z } from 'zod';

// Identifiers printed on invoices. ibantools is pure (no I/O), so these schemas stay safe inside workflows.

/** An IBAN in any spacing or case, checked for country length and the mod-97 check digits; kept in electronic form. */
export const ibanSchema = z
  .string()
  .transform((raw) => electronicFormatIBAN(raw) ?? raw.replace(/\s/g, '').toUpperCase())
  .refine((iban) => isValidIBAN(iban), {
    message: 'is not a valid IBAN (wrong length for its country or wrong check digits)',
  });

/** VAT id formats of the countries we invoice with; others must at least look like a country prefix and number. */
const vatFormats: Record<string, RegExp> = {
  AT: /^ATU\d{8}$/,
  BE: /^BE[01]\d{9}$/,
  CH: /^CHE\d{9}(MWST|TVA|IVA)?$/,
  DE: /^DE\d{9}$/,
  DK: /^DK\d{8}$/,
  ES: /^ES[0-9A-Z]\d{7}[0-9A-Z]$/,
  FI: /^FI\d{8}$/,
  FR: /^FR[0-9A-Z]{2}\d{9}$/,
  GB: /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  IT: /^IT\d{11}$/,
  NL: /^NL\d{9}B\d{2}$/,
  PL: /^PL\d{10}$/,
  SE: /^SE\d{10}01$/,
};

export function normalizeVatId(raw: string): string {
  return raw.replace(/[\s.-]/g, '').toUpperCase();
}

export const vatIdSchema = z
  .string()
  .transform(normalizeVatId)
  .superRefine((vat, ctx) => {
    const format = vatFormats[vat.slice(0, 2)];
    if (format && !format.test(vat))
      ctx.addIssue({ code: 'custom', message: `is not a valid ${vat.slice(0, 2)} VAT id` });
    else if (!format && !/^[A-Z]{2}[0-9A-Z+*]{2,13}$/.test(vat))
      ctx.addIssue({ code: 'custom', message: 'must be a country prefix and number, e.g. DE123456789' });
  });
