import { formatAmount } from '../store/money';

/** Amounts as plain "1234.50" (no thousands separators) so bots and people read the same digits. */
export function amount(value: number): string {
  return formatAmount(value);
}

export function quantity(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
}

export function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}

/** Unit prices keep up to 4 decimals but always show at least 2. */
export function unitPrice(value: number): string {
  const fixed2 = value.toFixed(2);
  return Number(fixed2) === value ? fixed2 : String(Number(value.toFixed(4)));
}
