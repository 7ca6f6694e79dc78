import { randomUUID } from 'node:crypto';
import { link, mkdir, unlink, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '@temporalio/activity';
import type { Ticket } from '../../schemas/tickets/ticket';
import { PiiVault, Redactor, restorePlaceholders } from '../engine/pii';
import type { FiledTicket } from './ticket-records';
import { threadDigest } from './thread-digest';

export type { FiledTicket } from './ticket-records';

export interface TicketDeps {
  /** Folder of filed tickets, one JSON file each. */
  dir: string;
  vault: PiiVault;
}

export interface PreparedTicket {
  /** The digest with every PII value replaced by a placeholder: the only text that may leave the engine. */
  text: string;
  piiRef: string;
  piiCounts: Record<string, number>;
}

const fileNameOf = (businessKey: string) => `${businessKey.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;

/** Ticket steps inside the engine: redaction before anything leaves it, restoring for agents, filing. */
export function createTicketActivities(deps: TicketDeps) {
  return {
    /** Digest the thread, then redact it; the mapping goes to the vault, only its reference into history. */
    async prepareTicket(input: { businessKey: string; ticket: Ticket }): Promise<PreparedTicket> {
      const redactor = new Redactor();
      const text = redactor.redact(threadDigest(input.ticket));
      const { mapping, counts } = redactor.result(text);
      const piiRef = await deps.vault.store(input.businessKey, mapping);
      log.info('ticket redacted', { businessKey: input.businessKey, piiRef, counts });
      return { text, piiRef, piiCounts: counts };
    },

    /** Puts the original values back into texts shown to an agent; runs only on the engine's own queue. */
    async restoreTicketText(input: { piiRef: string; texts: string[] }): Promise<string[]> {
      const mapping = await deps.vault.load(input.piiRef);
      return input.texts.map((t) => restorePlaceholders(t, mapping));
    },

    /** Files the ticket once: link() refuses to overwrite, so a retry finds the first record instead. */
    async fileTicket(record: Omit<FiledTicket, 'filedAt'>): Promise<{ file: string; alreadyFiled: boolean }> {
      await mkdir(deps.dir, { recursive: true });
      const file = join(deps.dir, fileNameOf(record.businessKey));
      const temp = join(deps.dir, `.${randomUUID()}.tmp`);
      await writeFile(temp, JSON.stringify({ ...record, filedAt: new Date().toISOString() }, null, 2));
      try {
        await link(temp, file);
        return { file, alreadyFiled: false };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        return { file, alreadyFiled: true };
      } finally {
        await unlink(temp);
      }
    },

    async getFiledTicket(input: { businessKey: string }): Promise<FiledTicket | undefined> {
      try {
        return JSON.parse(await readFile(join(deps.dir, fileNameOf(input.businessKey)), 'utf8')) as FiledTicket;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
  };
}
