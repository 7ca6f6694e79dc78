import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { log } from '@temporalio/activity';
import { readRecordFile, RecordFileError, type RecordFile } from '../../client/data-entry/read-records';

export type ClaimedFile =
  (RecordFile & { path: string; ok: true }) | { path: string; source: string; ok: false; error: string };

const accepted = new Set(['.csv', '.json']);

/**
 * The drop folder: files wait in the folder, move to `processing/` when a run claims them (a rename, so two
 * runs never take the same file), and end in `done/` or `failed/` with a report beside them.
 */
export function createDropFolderActivities() {
  return {
    async claimDropFiles(input: { folder: string }): Promise<ClaimedFile[]> {
      const processing = join(input.folder, 'processing');
      await mkdir(processing, { recursive: true });
      const entries = await readdir(input.folder, { withFileTypes: true });
      // Files claimed by a run that crashed before finishing are taken up again first.
      const waiting = (await readdir(processing)).map((name) => join(processing, name));
      for (const entry of entries) {
        if (!entry.isFile() || !accepted.has(extname(entry.name).toLowerCase())) continue;
        const target = join(processing, entry.name);
        try {
          await rename(join(input.folder, entry.name), target);
          waiting.push(target);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
      }
      const claimed: ClaimedFile[] = [];
      for (const path of waiting.sort()) {
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

    async finishDropFile(input: {
      folder: string;
      path: string;
      outcome: 'done' | 'failed';
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
