import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { fieldErrors } from '../../schemas/engine/validation';
import { vendorRecordSchema, type NumberedVendorRecord } from '../../schemas/data-entry/vendor-record';
import type { InvalidRow } from '../../workflows/data-entry';

export class RecordFileError extends Error {
  constructor(file: string, reason: string) {
    super(`${basename(file)}: ${reason}`);
    this.name = 'RecordFileError';
  }
}

export interface RecordFile {
  source: string;
  /** sha256 of the file's bytes: the same file is the same batch. */
  contentHash: string;
  valid: NumberedVendorRecord[];
  invalid: InvalidRow[];
}

// CSV headers are matched loosely: "VAT ID", "vat_id" and "vatId" all mean vatId.
const HEADERS: Record<string, string> = {
  name: 'name',
  vendorname: 'name',
  vatid: 'vatId',
  iban: 'iban',
  email: 'email',
  address: 'address',
};

function readCsv(text: string): unknown[] {
  return parse(text, {
    bom: true,
    trim: true,
    skip_empty_lines: true,
    columns: (header: string[]) => header.map((h) => HEADERS[h.toLowerCase().replace(/[^a-z]/g, '')] ?? h),
  }) as unknown[];
}

function readJson(text: string): unknown[] {
  const data = JSON.parse(text) as unknown;
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object' && Array.isArray((data as { records?: unknown }).records))
    return (data as { records: unknown[] }).records;
  throw new Error('expected an array of records or { "records": [...] }');
}

/**
 * Validates each row on its own (row = position among the records, from 1): bad rows are reported by field
 * and left out, the good ones go on. A VAT id that appears twice in one file is an error on the later row.
 */
export function validateRecords(items: unknown[]): Pick<RecordFile, 'valid' | 'invalid'> {
  const valid: NumberedVendorRecord[] = [];
  const invalid: InvalidRow[] = [];
  const firstRowOfVat = new Map<string, number>();
  items.forEach((raw, index) => {
    const row = index + 1;
    const parsed = vendorRecordSchema.safeParse(raw);
    if (!parsed.success) return invalid.push({ row, errors: fieldErrors(parsed.error) });
    const earlier = firstRowOfVat.get(parsed.data.vatId);
    if (earlier !== undefined)
      return invalid.push({
        row,
        errors: [{ path: 'vatId', message: `duplicates row ${earlier} (${parsed.data.vatId})` }],
      });
    firstRowOfVat.set(parsed.data.vatId, row);
    valid.push({ row, record: parsed.data });
  });
  return { valid, invalid };
}

/** Reads a .csv (header row) or .json file of vendor records. */
export async function readRecordFile(file: string): Promise<RecordFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new RecordFileError(
      file,
      `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  const text = bytes.toString('utf8');
  let items: unknown[];
  try {
    items = extname(file).toLowerCase() === '.json' ? readJson(text) : readCsv(text);
  } catch (err) {
    throw new RecordFileError(file, `cannot be parsed: ${(err as Error).message}`);
  }
  if (items.length === 0) throw new RecordFileError(file, 'holds no records');
  return {
    source: basename(file),
    contentHash: createHash('sha256').update(bytes).digest('hex'),
    ...validateRecords(items),
  };
}
