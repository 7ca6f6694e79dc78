import type { PiiDetector } from './detector';

const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * Phone numbers need 9–15 digits and a phone-like shape (a leading +, 00, 0 or parenthesis, or separated
 * groups); ISO dates and date-like runs stay.
 */
function acceptPhone(candidate: string): string | undefined {
  const value = candidate.trim();
  const digits = digitsOf(value);
  if (digits.length < 9 || digits.length > 15) return undefined;
  if (/^\d{4}-\d{2}-\d{2}/.test(value) || /^\d{1,2}[./]\d{1,2}[./]\d{2,4}$/.test(value)) return undefined;
  const shaped = /^(\+|00|\(|0)/.test(value) || /\d[ ()./-]\d/.test(value);
  return shaped ? value : undefined;
}

const at = String.raw`\s*[([{<]\s*(?:at|ät|@)\s*[)\]}>]\s*`;
const dot = String.raw`\s*[([{<]\s*(?:dot|punkt|point)\s*[)\]}>]\s*`;

export const emailDetectors: readonly PiiDetector[] = [
  { kind: 'EMAIL', pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}]{2,}/gu },
  // Spelled out to get past filters: `anna (at) example (dot) com`, `anna [at] example.com`.
  {
    kind: 'EMAIL',
    pattern: new RegExp(String.raw`[\p{L}\p{N}._%+-]+${at}[\p{L}\p{N}-]+(?:(?:${dot}|\.)[\p{L}\p{N}-]+)+`, 'giu'),
  },
];

export const phoneDetectors: readonly PiiDetector[] = [
  {
    kind: 'PHONE',
    pattern: /(?<![\w-])(?:\+|00)?\(?\d[\d \t()./-]{7,22}\d(?![\w-]|\.\d)/g,
    accept: acceptPhone,
  },
];
