/** Check-digit arithmetic shared by the national id tables: each id family names its rule, these compute it. */
import { passesLuhn } from '../luhn';

export { passesLuhn };

export const digitsOf = (s: string) => s.replace(/\D/g, '');
export const compact = (s: string) => s.replace(/[\s./-]/g, '').toUpperCase();

/** Σ digit × weight over the leading digits (as many as there are weights). */
export function weightedSum(digits: string, weights: readonly number[]): number {
  return weights.reduce((sum, w, i) => sum + Number(digits[i]) * w, 0);
}

/** ISO 7064 MOD 11,10: the German tax id and the Croatian OIB. */
export function passesIso7064Mod11_10(digits: string): boolean {
  let product = 10;
  for (let i = 0; i < digits.length - 1; i += 1) {
    let sum = (Number(digits[i]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return check === Number(digits[digits.length - 1]);
}

/** A day and month that exist (29 February always passes: the century is often unknown). */
export function plausibleDate(day: number, month: number): boolean {
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1]!;
}

/** `n mod m` for numbers longer than a double holds exactly. */
export function bigMod(n: string, m: number): number {
  return Number(BigInt(n) % BigInt(m));
}
