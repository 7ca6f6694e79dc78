import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { passesLuhn } from './luhn';

export type PiiKind = 'EMAIL' | 'IBAN' | 'CARD' | 'NATIONAL_ID' | 'PHONE';

export interface PiiDetector {
  kind: PiiKind;
  /** Global regex; group 1, when present, is the sensitive part (the rest is a label that stays). */
  pattern: RegExp;
  /** Returns the exact text to redact inside the match, or undefined when the match is not PII after all. */
  accept?(value: string): string | undefined;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** IBANs are written in groups of four; a greedy match may swallow a following word, so shrink until valid. */
function acceptIban(candidate: string): string | undefined {
  const groups = candidate.split(' ');
  for (let n = groups.length; n >= 1; n -= 1) {
    const value = groups.slice(0, n).join(' ');
    const electronic = electronicFormatIBAN(value.toUpperCase());
    if (electronic && isValidIBAN(electronic)) return value;
  }
  return undefined;
}

function acceptCard(candidate: string): string | undefined {
  const digits = digitsOf(candidate);
  return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits) ? candidate : undefined;
}

function acceptSsn(candidate: string): string | undefined {
  const [area, group, serial] = candidate.split('-');
  if (area === '000' || area === '666' || area?.startsWith('9') || group === '00' || serial === '0000')
    return undefined;
  return candidate;
}

/** Phone numbers need 9–15 digits and a phone-like shape; ISO dates and bare reference numbers stay. */
function acceptPhone(candidate: string): string | undefined {
  const value = candidate.trim();
  const digits = digitsOf(value);
  if (digits.length < 9 || digits.length > 15) return undefined;
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const shaped = /^(\+|00|\(|0)/.test(value) || /\d[\s().-]\d/.test(value);
  return shaped ? value : undefined;
}

/**
 * Applied in this order: e-mail first (it may contain digits), then the validated numbers (IBAN, card,
 * national ids), phone numbers last because their pattern is the loosest.
 */
export const piiDetectors: readonly PiiDetector[] = [
  { kind: 'EMAIL', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  { kind: 'IBAN', pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}\b/gi, accept: acceptIban },
  { kind: 'CARD', pattern: /(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])/g, accept: acceptCard },
  { kind: 'NATIONAL_ID', pattern: /\b\d{3}-\d{2}-\d{4}\b/g, accept: acceptSsn },
  { kind: 'NATIONAL_ID', pattern: /\b[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/gi },
  {
    kind: 'NATIONAL_ID',
    pattern:
      /\b(?:national (?:id|insurance)(?: number| no\.?)?|id (?:card )?number|passport(?: number| no\.?)?|personalausweis(?:nummer)?|bsn|ssn|tax id)\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{5,17})\b/gi,
  },
  { kind: 'PHONE', pattern: /(?<![\w-])(?:\+|00)?\(?\d[\d\s().-]{7,20}\d(?![\w-])/g, accept: acceptPhone },
];
