import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Logger } from '../../platform/logger';
import type { FieldError } from '../../schemas/engine/validation';
import { invoiceFormatOf, InvoiceFileError, readInvoiceFile } from './read-invoice-file';
import { startInvoiceBatch, type IntakeOutcome, type InvoiceTarget } from './start-invoice-processing';

export interface DropFileReport {
  file: string;
  outcome: 'done' | 'failed';
  error?: string;
  fields?: FieldError[];
  items: IntakeOutcome[];
}

/**
 * One sweep of the invoice drop folder: each .json/.csv/.xml file is claimed by a rename into `processing/`
 * (so two watchers never take the same file), its invoices are started like `bpo invoice submit` does, and the
 * file moves to `done/` (or `failed/` when unreadable) with a report beside it. Files left in `processing/` by a
 * crash are taken up again; business keys make that safe.
 */
export async function sweepInvoiceFolder(
  client: Client,
  target: InvoiceTarget,
  folder: string,
  /** The configured service identity (DROP_FOLDER_IDENTITY): a file never says who submits it. */
  submittedBy: string,
): Promise<DropFileReport[]> {
  const processing = join(folder, 'processing');
  await mkdir(processing, { recursive: true });
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (!entry.isFile() || !invoiceFormatOf(entry.name)) continue;
    await rename(join(folder, entry.name), join(processing, entry.name)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err; // another watcher took it
    });
  }
  const reports: DropFileReport[] = [];
  for (const name of (await readdir(processing)).sort()) {
    let report: DropFileReport;
    try {
      const parsed = await readInvoiceFile(join(processing, name), { submittedBy });
      report = {
        file: name,
        outcome: 'done',
        items: await startInvoiceBatch(client, target, parsed, `drop-folder:${name}`),
      };
    } catch (err) {
      if (!(err instanceof InvoiceFileError)) throw err;
      report = {
        file: name,
        outcome: 'failed',
        error: err.message,
        ...(err.fields.length ? { fields: err.fields } : {}),
        items: [],
      };
    }
    const destination = join(folder, report.outcome);
    await mkdir(destination, { recursive: true });
    await writeFile(join(destination, `${name}.report.json`), JSON.stringify(report, null, 2));
    await rename(join(processing, name), join(destination, name));
    reports.push(report);
  }
  return reports;
}

/** Sweeps the folder every `intervalMs` until stopped; a failed sweep is logged and tried again next time. */
export function watchInvoiceFolder(
  client: Client,
  target: InvoiceTarget,
  folder: string,
  submittedBy: string,
  logger: Logger,
  intervalMs = 5_000,
): { stop(): Promise<void> } {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    current = sweepInvoiceFolder(client, target, folder, submittedBy)
      .then((reports) =>
        reports.forEach((r) =>
          logger.info(
            { file: r.file, outcome: r.outcome, items: r.items.map((i) => i.outcome) },
            'invoice drop file processed',
          ),
        ),
      )
      .catch((err: unknown) => logger.error({ err, folder }, 'invoice drop folder sweep failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
