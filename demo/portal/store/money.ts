// Amounts are stored as numbers with two decimals but computed in whole cents, so 0.1 + 0.2 stays 0.30.

export function toCents(amount: number): number {
  return Math.round(Number((amount * 100).toFixed(6)));
}

export function fromCents(cents: number): number {
  return cents / 100;
}

export function round2(amount: number): number {
  return fromCents(toCents(amount));
}

export function sumAmounts(amounts: readonly number[]): number {
  return fromCents(amounts.reduce((sum, a) => sum + toCents(a), 0));
}

/** quantity × unit price, rounded half away from zero to the cent. */
export function lineNet(quantity: number, unitPrice: number): number {
  return round2(quantity * unitPrice);
}

export function taxOf(net: number, ratePercent: number): number {
  return round2((net * ratePercent) / 100);
}

export function formatAmount(amount: number): string {
  return round2(amount).toFixed(2);
}
