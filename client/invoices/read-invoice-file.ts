import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { invoiceSchema, type Invoice } from '../../schemas/invoices/invoice';
import { fieldErrors, type FieldError } from '../../schemas/engine/validation';
import { callerFieldClaims, type IntakeIdentity } from './intake-identity';
import { parseInvoiceCsv } from './parse-invoice-csv';
import { parseUblInvoice, UblDocumentError } from './parse-ubl-invoice';

export type ParsedInvoice =
  | { index: number; label: string; ok: true; invoice: Invoice }
  | { index: number; label: string; ok: false; errors: FieldError[] };

export type InvoiceFormat = 'json' | 'csv' | 'ubl';

export class InvoiceFileError extends Error {
  constructor(
    file: string,
    reason: string,
    /** The fields at fault when the document as a whole is refused for them. */
    readonly fields: FieldError[] = [],
  ) {
    super(`${basename(file)}: ${reason}`);
    this.name = 'InvoiceFileError';
  }
}

/** A document that names its own submitter: refused whole, so nothing of it starts under a borrowed name. */
export class InvoiceIdentityError extends InvoiceFileError {
  constructor(file: string, fields: FieldError[]) {
    super(file, 'names who submits it; the submitter is set from your login', fields);
    this.name = 'InvoiceIdentityError';
  }
}

/** A short name for an item in messages: its invoice number when it has one, else its position. */
function labelOf(raw: unknown, index: number, where?: string): string {
  const number = (raw as { invoiceNumber?: unknown } | null)?.invoiceNumber;
  const place = where ?? `#${index + 1}`;
  // Invisible and bidi characters are shown as �, so a report never hides or reorders what the number holds.
  const shown = typeof number === 'string' ? number.trim().replace(/[\p{Cf}\p{Cc}\p{Zl}\p{Zp}]/gu, '\uFFFD') : '';
  return shown ? `${place} (${shown})` : place;
}

/**
 * Validates each item on its own, so one bad invoice in a batch does not stop the others. The submitter is the
 * caller's identity; a document that names one is refused as a whole (InvoiceIdentityError).
 */
export function validateInvoices(
  items: unknown[],
  identity: IntakeIdentity,
  places: string[] = [],
  name = 'document',
): ParsedInvoice[] {
  const claims = callerFieldClaims(items, places);
  if (claims.length > 0) throw new InvoiceIdentityError(name, claims);
  return items.map((item, index) => {
    const raw =
      item && typeof item === 'object' && !Array.isArray(item)
        ? { ...(item as object), submittedBy: identity.submittedBy }
        : item;
    const parsed = invoiceSchema.safeParse(raw);
    const label = labelOf(raw, index, places[index]);
    return parsed.success
      ? { index, label, ok: true, invoice: parsed.data }
      : { index, label, ok: false, errors: fieldErrors(parsed.error) };
  });
}

/** The format by file name (.json, .csv, .xml) or, for the API, by content type. */
export function invoiceFormatOf(nameOrType: string): InvoiceFormat | undefined {
  const key = nameOrType.toLowerCase();
  if (key.endsWith('.json') || key.includes('application/json')) return 'json';
  if (key.endsWith('.csv') || key.includes('text/csv')) return 'csv';
  if (key.endsWith('.xml') || key.includes('xml')) return 'ubl';
  return undefined;
}

/**
 * Parses one document of any intake format into validated invoices. JSON holds one invoice, an array or
 * `{ "invoices": [...] }`; CSV a batch of row groups; UBL one invoice. Throws InvoiceFileError when the document
 * as a whole is unreadable; a bad invoice inside it is reported with its field errors instead.
 */
export function parseInvoiceDocument(
  text: string,
  format: InvoiceFormat,
  name: string,
  identity: IntakeIdentity,
): ParsedInvoice[] {
  if (format === 'csv') {
    let groups;
    try {
      groups = parseInvoiceCsv(text);
    } catch (err) {
      throw new InvoiceFileError(name, `is not valid CSV: ${(err as Error).message}`);
    }
    if (groups.length === 0) throw new InvoiceFileError(name, 'holds no invoices');
    return validateInvoices(
      groups.map((g) => g.raw),
      identity,
      groups.map((g) => (g.rows[0] === g.rows[1] ? `row ${g.rows[0]}` : `rows ${g.rows[0]}-${g.rows[1]}`)),
      name,
    );
  }
  if (format === 'ubl') {
    try {
      return validateInvoices([parseUblInvoice(text)], identity, ['UBL invoice'], name);
    } catch (err) {
      if (err instanceof UblDocumentError) throw new InvoiceFileError(name, err.message);
      throw err;
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InvoiceFileError(name, `is not valid JSON: ${(err as Error).message}`);
  }
  const items = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { invoices?: unknown }).invoices)
      ? (data as { invoices: unknown[] }).invoices
      : [data];
  if (items.length === 0) throw new InvoiceFileError(name, 'holds no invoices');
  return validateInvoices(items, identity, [], name);
}

/** Reads an invoice file; its extension says the format. */
export async function readInvoiceFile(file: string, identity: IntakeIdentity): Promise<ParsedInvoice[]> {
  const format = invoiceFormatOf(file);
  if (!format)
    throw new InvoiceFileError(
      file,
      `has an unknown format "${extname(file) || '(none)'}": use .json, .csv or .xml (UBL 2.1)`,
    );
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InvoiceFileError(
      file,
      `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  return parseInvoiceDocument(text, format, file, identity);
}
