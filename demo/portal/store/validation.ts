import { electronicFormatIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { DateTime } from 'luxon';

// Field-level checks shared by the forms and the store. Each returns a message for the clerk, or null.

/** VAT ids are compared without spaces, dots or dashes and in upper case: "de 123.456.789" = "DE123456789". */
export function normalizeVatId(raw: string): string {
  return raw.replace(/[\s.-]/g, '').toUpperCase();
}

// Formats of the most common EU/UK VAT ids; other countries fall back to a generic shape.
const VAT_PATTERNS: Record<string, RegExp> = {
  AT: /^ATU\d{8}$/,
  BE: /^BE[01]\d{9}$/,
  DE: /^DE\d{9}$/,
  DK: /^DK\d{8}$/,
  ES: /^ES[0-9A-Z]\d{7}[0-9A-Z]$/,
  FI: /^FI\d{8}$/,
  FR: /^FR[0-9A-HJ-NP-Z]{2}\d{9}$/,
  GB: /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  IE: /^IE\d[0-9A-Z+*]\d{5}[A-Z]{1,2}$/,
  IT: /^IT\d{11}$/,
  LU: /^LU\d{8}$/,
  NL: /^NL\d{9}B\d{2}$/,
  PL: /^PL\d{10}$/,
  PT: /^PT\d{9}$/,
  SE: /^SE\d{12}$/,
};
const GENERIC_VAT = /^[A-Z]{2}[0-9A-Z]{2,13}$/;

export function vatIdProblem(normalized: string): string | null {
  if (normalized === '') return 'VAT ID is required';
  const country = normalized.slice(0, 2);
  const pattern = VAT_PATTERNS[country] ?? GENERIC_VAT;
  if (!pattern.test(normalized)) {
    return `VAT ID "${normalized}" does not have a valid format (expected a country prefix and number, e.g. DE123456789)`;
  }
  return null;
}

/** IBANs are kept in electronic format: no spaces, upper case. */
export function normalizeIban(raw: string): string {
  return electronicFormatIBAN(raw) ?? '';
}

export function ibanProblem(normalized: string): string | null {
  if (normalized === '') return 'IBAN is required';
  const result = validateIBAN(normalized);
  if (result.valid) return null;
  if (result.errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum)) {
    return `IBAN "${normalized}" is not valid: the check digits do not match`;
  }
  if (result.errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry)) {
    return `IBAN "${normalized}" is not valid: unknown country code`;
  }
  return `IBAN "${normalized}" is not valid: wrong length or format for its country`;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function emailProblem(value: string): string | null {
  if (value === '') return 'Email is required';
  return EMAIL.test(value) ? null : `Email "${value}" is not a valid email address`;
}

/** A calendar date in ISO form (YYYY-MM-DD), or null. */
export function parseIsoDate(value: string): DateTime | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = DateTime.fromISO(value, { zone: 'utc' });
  return date.isValid ? date : null;
}

/** A plain decimal like 12, 12.5 or -3.25 (dot as separator, no thousands separators), or null. */
export function parseDecimal(value: string): number | null {
  const compact = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(compact)) return null;
  const n = Number(compact);
  return Number.isFinite(n) ? n : null;
}

export function decimalPlaces(value: string): number {
  const dot = value.trim().indexOf('.');
  return dot === -1 ? 0 : value.trim().length - dot - 1;
}
