import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { log } from '@temporalio/activity';
import { readRecordFile, RecordFileError, type RecordFile } from '../../client/data-entry/read-records';
import { readDropFilePart } from './drop-file-parts';

export type ClaimedFile =
  (RecordFile & { path: string; ok: true }) | { path: string; source: string; ok: false; error: string };

/** A claimed file by reference: where it lies and how big it is, never its content. */
export type DropFileRef =
  | { path: string; source: string; ok: true; bytes: number }
  | { path: string; source: string; ok: false; error: string };

const accepted = new Set(['.csv', '.json']);

/** Moves waiting files into `processing/` (files left there by a crashed run first) and lists what it holds. */
async function claim(folder: string): Promise<string[]> {
  const processing = join(folder, 'processing');
  await mkdir(processing, { recursive: true });
  const entries = await readdir(folder, { withFileTypes: true });
  // Files claimed by a run that crashed before finishing are taken up again first.
  const waiting = (await readdir(processing)).map((name) => join(processing, name));
  for (const entry of entries) {
    if (!entry.isFile() || !accepted.has(extname(entry.name).toLowerCase())) continue;
    const target = join(processing, entry.name);
    try {
      await rename(join(folder, entry.name), target);
      waiting.push(target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return waiting.sort();
}

const mebibytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;

/**
 * The drop folder: files wait in the folder, move to `processing/` when a run claims them (a rename, so two
 * runs never take the same file), and end in `done/`, `failed/` or `rejected/` with a report beside them.
 */
export function createDropFolderActivities() {
  return {
    /** Older runs: claims and parses every file, returning all records (kept for runs started before refs). */
    async claimDropFiles(input: { folder: string }): Promise<ClaimedFile[]> {
      const waiting = await claim(input.folder);
      const claimed: ClaimedFile[] = [];
      for (const path of waiting) {
        try {
          claimed.push({ ...(await readRecordFile(path)), path, ok: true });
        } catch (err) {
          if (!(err instanceof RecordFileError)) throw err;
          claimed.push({ path, source: basename(path), ok: false, error: err.message });
        }
      }
      log.info('drop folder claimed', { folder: input.folder, files: claimed.length });
      return claimed;
    },

    /**
     * Claims the waiting files and returns references only (path and size); the batch reads each file in parts
     * (readDropFilePart). A file over `maxFileBytes` is refused here with its reason, not read at all.
     */
    async claimDropFileRefs(input: { folder: string; maxFileBytes: number }): Promise<DropFileRef[]> {
      const refs: DropFileRef[] = [];
      for (const path of await claim(input.folder)) {
        const source = basename(path);
        const { size } = await stat(path);
        refs.push(
          size > input.maxFileBytes
            ? {
                path,
                source,
                ok: false,
                error: `${source}: is ${mebibytes(size)}, over the limit of ${mebibytes(input.maxFileBytes)} (DATA_ENTRY_MAX_FILE_BYTES); split it into smaller files`,
              }
            : { path, source, ok: true, bytes: size },
        );
      }
      log.info('drop folder claimed', { folder: input.folder, files: refs.length });
      return refs;
    },

    readDropFilePart,

    async finishDropFile(input: {
      folder: string;
      path: string;
      outcome: 'done' | 'failed' | 'rejected';
      report: unknown;
    }): Promise<string> {
      const target = join(input.folder, input.outcome);
      await mkdir(target, { recursive: true });
      const destination = join(target, basename(input.path));
      await writeFile(`${destination}.report.json`, JSON.stringify(input.report, null, 2));
      try {
        await rename(input.path, destination);
      } catch (err) {
        // A retry after the move: the file is already where it belongs.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      return destination;
    },
  };
}
