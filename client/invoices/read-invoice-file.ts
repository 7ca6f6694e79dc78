import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { invoiceSchema, type Invoice } from '../../schemas/invoice';
import { fieldErrors, type FieldError } from '../../schemas/validation';

export type ParsedInvoice =
  | { index: number; label: string; ok: true; invoice: Invoice }
  | { index: number; label: string; ok: false; errors: FieldError[] };

export class InvoiceFileError extends Error {
  constructor(file: string, reason: string) {
    super(`${basename(file)}: ${reason}`);
    this.name = 'InvoiceFileError';
  }
}

/** A short name for an item in messages: its invoice number when it has one, else its position. */
function labelOf(raw: unknown, index: number): string {
  const number = (raw as { invoiceNumber?: unknown } | null)?.invoiceNumber;
  return typeof number === 'string' && number.trim() ? `#${index + 1} (${number.trim()})` : `#${index + 1}`;
}

/** Validates each item on its own, so one bad invoice in a batch does not stop the others. */
export function validateInvoices(items: unknown[]): ParsedInvoice[] {
  return items.map((raw, index) => {
    const parsed = invoiceSchema.safeParse(raw);
    const label = labelOf(raw, index);
    return parsed.success ? { index, label, ok: true, invoice: parsed.data } : { index, label, ok: false, errors: fieldErrors(parsed.error) };
  });
}

/** Reads a JSON file holding one invoice, an array of invoices, or `{ "invoices": [...] }`. */
export async function readInvoiceFile(file: string): Promise<ParsedInvoice[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InvoiceFileError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InvoiceFileError(file, `is not valid JSON: ${(err as Error).message}`);
  }
  const items = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { invoices?: unknown }).invoices)
      ? (data as { invoices: unknown[] }).invoices
      : [data];
  if (items.length === 0) throw new InvoiceFileError(file, 'holds no invoices');
  return validateInvoices(items);
}
