import type { Sequences } from './schema';

/** Formats business ids: V-0001, PO-0001, GR-0001, DOC-000001, E-00001. */
const FORMATS: Record<keyof Sequences, { prefix: string; digits: number }> = {
  vendor: { prefix: 'V-', digits: 4 },
  purchaseOrder: { prefix: 'PO-', digits: 4 },
  goodsReceipt: { prefix: 'GR-', digits: 4 },
  document: { prefix: 'DOC-', digits: 6 },
  employee: { prefix: 'E-', digits: 5 },
};

export function formatId(kind: keyof Sequences, n: number): string {
  const { prefix, digits } = FORMATS[kind];
  return `${prefix}${String(n).padStart(digits, '0')}`;
}

/** Takes the next number of a sequence. */
export function nextId(sequences: Sequences, kind: keyof Sequences): string {
  sequences[kind] += 1;
  return formatId(kind, sequences[kind]);
}

/** After loading a record with an explicit id, keep the sequence ahead of it so generated ids never collide. */
export function bumpSequence(sequences: Sequences, kind: keyof Sequences, id: string): void {
  const n = Number(id.slice(FORMATS[kind].prefix.length));
  if (Number.isInteger(n) && n > sequences[kind]) sequences[kind] = n;
}
