import { z } from 'zod';

/** ISO 4217 codes the runtime knows (Intl is deterministic, so this is safe inside workflows too). */
const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code, e.g. EUR')
  .refine((code) => knownCurrencies.has(code), { message: 'is not a known ISO 4217 currency code' });

/** How many minor units a currency has: 2 for EUR, 0 for JPY, 3 for BHD. */
export function minorUnits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Converts an amount to integer minor units, so sums are exact. */
export function toMinor(amount: number, currency: string): number {
  return Math.round(amount * 10 ** minorUnits(currency));
}

export function fromMinor(minor: number, currency: string): number {
  return minor / 10 ** minorUnits(currency);
}

/** True when the amount has no more decimals than the currency allows (1.005 EUR is not an amount). */
export function hasCurrencyPrecision(amount: number, currency: string): boolean {
  const scaled = amount * 10 ** minorUnits(currency);
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/** Kept here for the schemas that import it with the money helpers; the range lives in dates.ts. */
export { isoDate } from './dates';
