import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '@temporalio/activity';
import type { Invoice } from '../../schemas/invoices/invoice';

export interface LedgerDeps {
  /** Folder that holds one JSON file per ledger entry. */
  dir: string;
}

export interface LedgerEntry {
  entryId: string;
  businessKey: string;
  registeredAt: string;
  invoice: Invoice;
}

/** Stable id derived from the business key, so a retried activity finds the entry it already wrote. */
export function ledgerEntryId(businessKey: string): string {
  return `AP-${createHash('sha256').update(businessKey).digest('hex').slice(0, 12).toUpperCase()}`;
}

/** The accounts-payable ledger: where an accepted invoice is recorded exactly once. */
export function createLedgerActivities(deps: LedgerDeps) {
  const pathOf = (entryId: string) => join(deps.dir, `${entryId}.json`);

  async function readEntry(entryId: string): Promise<LedgerEntry | undefined> {
    try {
      return JSON.parse(await readFile(pathOf(entryId), 'utf8')) as LedgerEntry;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  return {
    /**
     * Writes a temp file, then hard-links it into place: link() fails if the entry exists, so a retry never
     * writes twice, and a crash mid-write never leaves a half-written entry behind.
     */
    async registerInvoice(input: {
      businessKey: string;
      invoice: Invoice;
    }): Promise<{ entryId: string; alreadyPresent: boolean }> {
      await mkdir(deps.dir, { recursive: true });
      const entryId = ledgerEntryId(input.businessKey);
      const entry: LedgerEntry = {
        entryId,
        businessKey: input.businessKey,
        registeredAt: new Date().toISOString(),
        invoice: input.invoice,
      };
      const temp = join(deps.dir, `.${entryId}.${randomUUID()}.tmp`);
      await writeFile(temp, JSON.stringify(entry, null, 2));
      try {
        await link(temp, pathOf(entryId));
        log.info('ledger entry written', { entryId });
        return { entryId, alreadyPresent: false };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        return { entryId, alreadyPresent: true };
      } finally {
        await unlink(temp);
      }
    },

    async getLedgerEntry(input: { businessKey: string }): Promise<LedgerEntry | undefined> {
      return readEntry(ledgerEntryId(input.businessKey));
    },
  };
}
