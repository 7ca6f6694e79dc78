import { parse } from 'csv-parse/sync';

/** One invoice's rows from a CSV file, as raw data for the schema to judge, with the rows it came from. */
export interface CsvInvoiceGroup {
  rows: [number, number];
  raw: Record<string, unknown>;
}

const HEADER_FIELDS = [
  'vendorId',
  'vendorName',
  'invoiceNumber',
  'invoiceDate',
  'dueDate',
  'currency',
  'poNumber',
  'submittedBy',
  'vendorVatId',
  'iban',
] as const;
const HEADER_NUMBERS = ['subtotal', 'taxTotal', 'total'] as const;
const LINE_NUMBERS = ['quantity', 'unitPrice', 'taxRate', 'poLineNo'] as const;

/** A cell as a number when it is one; otherwise left as text, so the schema names the field and says why. */
function numberCell(cell: string | undefined): unknown {
  const text = (cell ?? '').trim();
  if (text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

const textCell = (cell: string | undefined) => ((cell ?? '').trim() === '' ? undefined : (cell as string).trim());

/**
 * A CSV batch: one row per invoice line, the invoice's header columns on its first row (later rows of the same
 * invoice may leave them empty). A row with an invoice number different from the row above starts a new invoice.
 */
export function parseInvoiceCsv(text: string): CsvInvoiceGroup[] {
  const records = parse(text, {
    columns: (header: string[]) => header.map((h) => h.trim()),
    skip_empty_lines: true,
    bom: true,
    relax_column_count: true,
  }) as Array<Record<string, string>>;
  const groups: CsvInvoiceGroup[] = [];
  let current: CsvInvoiceGroup | undefined;
  records.forEach((record, index) => {
    const row = index + 2; // 1-based, after the header row
    const number = textCell(record.invoiceNumber);
    const vendor = textCell(record.vendorId);
    const continues =
      current &&
      (number === undefined ||
        (number === current.raw.invoiceNumber && (vendor === undefined || vendor === current.raw.vendorId)));
    if (!current || !continues) {
      const raw: Record<string, unknown> = {};
      for (const field of HEADER_FIELDS) raw[field] = textCell(record[field]);
      for (const field of HEADER_NUMBERS) raw[field] = numberCell(record[field]);
      const discountPercent = numberCell(record.discountPercent);
      const discountDays = numberCell(record.discountDays);
      if (discountPercent !== undefined || discountDays !== undefined)
        raw.paymentTerms = { discountPercent, discountDays };
      raw.lines = [];
      current = { rows: [row, row], raw };
      groups.push(current);
    }
    const line: Record<string, unknown> = { description: textCell(record.description) };
    for (const field of LINE_NUMBERS) line[field] = numberCell(record[field]);
    (current.raw.lines as unknown[]).push(line);
    current.rows[1] = row;
  });
  return groups;
}
