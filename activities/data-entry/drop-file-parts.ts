import { basename } from 'node:path';
import { readRecordFile, RecordFileError } from '../../client/data-entry/read-records';
import type { ReadRecords } from '../../workflows/data-entry/batch-input';

/** One part of a drop file: its rows `from`…`to` (1-based, among the file's records), sorted into valid and invalid. */
export type DropFilePart =
  | (ReadRecords & { ok: true; part: number; parts: number; rows: number })
  | { ok: false; source: string; error: string };

/**
 * Reads a claimed drop file where it lies and returns only one part of it, so no activity result or workflow
 * input carries a whole file (a 2.4 MB file parsed into records is about 4 MB, over gRPC's limit). Rows are
 * validated across the whole file (a VAT id repeated in a later part is still caught), then cut by row number.
 */
export async function readDropFilePart(input: {
  path: string;
  part: number;
  rowsPerPart: number;
}): Promise<DropFilePart> {
  let file;
  try {
    file = await readRecordFile(input.path);
  } catch (err) {
    if (!(err instanceof RecordFileError)) throw err;
    return { ok: false, source: basename(input.path), error: err.message };
  }
  const rows = file.valid.length + file.invalid.length;
  const size = Math.max(1, input.rowsPerPart);
  const from = (input.part - 1) * size + 1;
  const to = input.part * size;
  const within = (row: number) => row >= from && row <= to;
  return {
    ok: true,
    source: file.source,
    contentHash: file.contentHash,
    part: input.part,
    parts: Math.max(1, Math.ceil(rows / size)),
    rows,
    valid: file.valid.filter((r) => within(r.row)),
    invalid: file.invalid.filter((r) => within(r.row)),
  };
}
