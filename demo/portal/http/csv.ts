import type { FastifyReply } from 'fastify';

export interface CsvColumn<T> {
  /** Column name in the header row: snake_case, stable across versions. */
  name: string;
  value: (row: T) => string | number | boolean | null;
}

/** RFC 4180 field: quoted only when it holds a comma, quote or line break; quotes are doubled. */
function csvField(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// Written by hand rather than with a CSV library: a 10,000-line payroll export must not stall the
// server's event loop, and this simple writer is an order of magnitude faster.
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => csvField(c.name)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(','));
  return `${lines.join('\n')}\n`;
}

/** Sends a CSV as a download (Content-Disposition: attachment), which is what browser bots wait for. */
export function sendCsv<T>(
  reply: FastifyReply,
  filename: string,
  columns: readonly CsvColumn<T>[],
  rows: readonly T[],
): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(toCsv(columns, rows));
}
