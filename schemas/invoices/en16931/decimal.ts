import Big from 'big.js';
import { z } from 'zod';
import { minorUnits } from '../../engine/money';

/**
 * A decimal number written as text, as e-invoice syntaxes carry it ("1234.50", "-2"). Kept as text so no
 * amount ever passes through a binary float; arithmetic goes through big.js.
 */
export const decimalString = z
  .string()
  .trim()
  .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, 'must be a decimal number such as 1234.50')
  // xs:decimal allows a leading plus; big.js does not.
  .transform((value) => value.replace(/^\+/, ''));

export type DecimalString = z.infer<typeof decimalString>;

export const zero = new Big(0);

export function dec(value: DecimalString | undefined): Big {
  return value === undefined ? zero : new Big(value);
}

export function sum(values: ReadonlyArray<DecimalString | undefined>): Big {
  return values.reduce<Big>((total, value) => total.plus(dec(value)), zero);
}

/** Decimals actually written, trailing zeros ignored: "100.50" has 1, "100.00" has 0. */
export function decimalsOf(value: DecimalString): number {
  const fraction = value.split('.')[1]?.replace(/0+$/, '') ?? '';
  return fraction.length;
}

/** Rounds half away from zero to the currency's minor units (JPY 0, EUR 2, KWD 3). */
export function roundToCurrency(value: Big, currency: string): Big {
  return value.round(minorUnits(currency), Big.roundHalfUp);
}

/** Shows an amount with the currency's minor units, so found and expected values read alike. */
export function show(value: Big, currency: string): string {
  return value.toFixed(Math.max(minorUnits(currency), decimalPlaces(value)));
}

function decimalPlaces(value: Big): number {
  return decimalsOf(value.toFixed());
}
