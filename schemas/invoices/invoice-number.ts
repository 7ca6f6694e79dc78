import { z } from 'zod';

/**
 * Invoice numbers name the workflow (one run per vendor and number), so two spellings of one number must give one
 * id and two numbers never the same one. A number is NFKC-normalised (full-width `ＩＮＶ１` is `INV1`) and trimmed,
 * then it must be plain ASCII: invisible characters (zero-width, BOM, bidi controls) and look-alikes (a Cyrillic
 * `А` in a Latin number) would start a second run of the same invoice, and letters such as `ß` upper-case into
 * another number (`STRASSE`). Numbers are case-insensitive: the id upper-cases them, as it always has.
 */
export const INVOICE_NUMBER_MAX = 64;
const plain = /^[A-Za-z0-9][A-Za-z0-9./_-]*$/;
// Format (Cf: zero-width, BOM, bidi controls), control, separator and private-use characters.
const invisible = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\p{Co}]/u;

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** NFKC and trim: what a person means by the number, before it is judged. */
export const normaliseInvoiceNumber = (value: string) => value.normalize('NFKC').trim();

/** Why a normalised number is refused, or undefined when it is plain. */
export function invoiceNumberProblem(number: string): string | undefined {
  if (number.length === 0) return 'is required';
  if (number.length > INVOICE_NUMBER_MAX) return `must be at most ${INVOICE_NUMBER_MAX} characters`;
  const hidden = number.match(invisible)?.[0];
  if (hidden) return `contains an invisible character (${codePoint(hidden)}); type the number again without it`;
  if (plain.test(number)) return undefined;
  const odd = [...number].find((ch) => !/[A-Za-z0-9./_-]/.test(ch));
  if (odd)
    return `contains "${odd}" (${codePoint(odd)}): use only the letters A-Z, digits 0-9 and . / _ - (look-alike letters from other alphabets are refused)`;
  return 'must start with a letter or a digit';
}

export const invoiceNumberSchema = z
  .string()
  .transform(normaliseInvoiceNumber)
  .superRefine((number, ctx) => {
    const problem = invoiceNumberProblem(number);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The number as the workflow id holds it: normalised and upper-cased, so `inv-1` and `INV-1` are one invoice. */
export const invoiceNumberKey = (number: string) => normaliseInvoiceNumber(number).toUpperCase();
