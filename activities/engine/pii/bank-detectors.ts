import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { passesLuhn } from './luhn';
import type { PiiDetector } from './detector';

const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * IBANs are written in groups with spaces, dashes or dots, or in one run; a greedy match may swallow a following
 * word or number, so it shrinks from the end until the checksum (mod 97, country length) holds.
 */
export function acceptIban(candidate: string): string | undefined {
  for (let end = candidate.length; end >= 15; end -= 1) {
    const value = candidate.slice(0, end);
    if (!/[A-Z0-9]$/i.test(value)) continue;
    const electronic = electronicFormatIBAN(value.replace(/[.-]/g, ' ').toUpperCase());
    if (electronic && isValidIBAN(electronic)) return value;
  }
  return undefined;
}

function acceptCard(candidate: string): string | undefined {
  const digits = digitsOf(candidate);
  return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits) ? candidate : undefined;
}

export const bankDetectors: readonly PiiDetector[] = [
  { kind: 'IBAN', pattern: /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ .-]?[A-Z0-9]){11,30}/giu, accept: acceptIban },
  { kind: 'CARD', pattern: /(?<![\w-])\d(?:[ .-]?\d){12,18}(?![\w-]|\.\d)/g, accept: acceptCard },
];
