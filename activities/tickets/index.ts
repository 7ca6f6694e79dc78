import { randomUUID } from 'node:crypto';
import { link, mkdir, unlink, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '@temporalio/activity';
import { ticketFailures } from '../../schemas/tickets/failures';
import { ticketSchema, type Ticket } from '../../schemas/tickets/ticket';
import { PiiVault, Redactor, restorePlaceholders } from '../engine/pii';
import { redactTicket } from './redact-ticket';
import type { FiledTicket } from './ticket-records';

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
  /** The subject, redacted alike (absent from results recorded before it was added). */
  subject?: string;
}

/** The raw ticket itself (runs started before intake sealed it) or its reference in the vault. */
export type TicketSource = { businessKey: string } & ({ ticket: Ticket } | { ticketRef?: string });

/** A sealed ticket that is gone or unreadable will not come back by retrying: the run fails for a person to see. */
async function openSealedTicket(vault: PiiVault, ref: string | undefined): Promise<Ticket> {
  if (!ref)
    throw ticketFailures.create('TicketUnreadable', 'the ticket run has neither a ticket nor a ticket reference');
  let sealed: unknown;
  try {
    sealed = await vault.open(ref);
  } catch (err) {
    throw ticketFailures.create(
      'TicketUnreadable',
      `the sealed ticket ${ref} cannot be opened: ${(err as Error).message}`,
    );
  }
  const parsed = ticketSchema.safeParse(sealed);
  if (!parsed.success)
    throw ticketFailures.create('TicketUnreadable', `the sealed ticket ${ref} is not a valid ticket`);
  return parsed.data;
}

const fileNameOf = (businessKey: string) => `${businessKey.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;

/** Ticket steps inside the engine: redaction before anything leaves it, restoring for agents, filing. */
export function createTicketActivities(deps: TicketDeps) {
  return {
    /**
     * Opens the sealed raw ticket, digests and redacts it; the mapping goes to the vault, only its reference and
     * the redacted text into history.
     */
    async prepareTicket(input: TicketSource): Promise<PreparedTicket> {
      const ticket = 'ticket' in input ? input.ticket : await openSealedTicket(deps.vault, input.ticketRef);
      const { text, subject, mapping, counts } = redactTicket(ticket);
      const piiRef = await deps.vault.store(input.businessKey, mapping);
      log.info('ticket redacted', { businessKey: input.businessKey, piiRef, counts });
      return { text, subject, piiRef, piiCounts: counts };
    },

    /**
     * Puts the original values back into texts shown to an agent. Only runs recorded before the review's context
     * was sealed call it; newer runs leave restoring to the API.
     */
    async restoreTicketText(input: { piiRef: string; texts: string[] }): Promise<string[]> {
      const mapping = await deps.vault.load(input.piiRef);
      return input.texts.map((t) => restorePlaceholders(t, mapping));
    },

    /**
     * Redacts what an agent wrote while seeing the real values: known values get their placeholders back, new
     * ones get new placeholders, and the vault's mapping grows by those.
     */
    async redactAgentText(input: { piiRef: string; texts: string[] }): Promise<string[]> {
      const redactor = new Redactor().withMapping(await deps.vault.load(input.piiRef));
      const texts = input.texts.map((t) => (t ? redactor.redact(t) : t));
      await deps.vault.replace(input.piiRef, redactor.result('').mapping);
      return texts;
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
