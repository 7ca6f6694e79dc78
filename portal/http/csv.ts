import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';

export interface CsvColumn<T> {
  /** Column name in the header row: snake_case, stable across versions. */
  name: string;
  value: (row: T) => string | number | boolean | null;
}

export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return stringify(
    rows.map((row) => columns.map((c) => c.value(row) ?? '')),
    { header: true, columns: columns.map((c) => c.name), record_delimiter: 'unix' },
  );
}

/** Sends a CSV as a download (Content-Disposition: attachment), which is what browser bots wait for. */
export function sendCsv<T>(reply: FastifyReply, filename: string, columns: readonly CsvColumn<T>[], rows: readonly T[]): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(toCsv(columns, rows));
}
