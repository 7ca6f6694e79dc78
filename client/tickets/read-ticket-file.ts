import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ticketSchema, type Ticket } from '../../schemas/tickets/ticket';
import { fieldErrors, type FieldError } from '../../schemas/engine/validation';
import { emailTicketId, ticketFromEml } from './parse-eml';

export type ParsedTicket =
  | { index: number; label: string; ok: true; ticket: Ticket }
  | { index: number; label: string; ok: false; errors: FieldError[] };

export class TicketFileError extends Error {
  constructor(file: string, reason: string) {
    super(`${basename(file)}: ${reason}`);
    this.name = 'TicketFileError';
  }
}

/** A JSON ticket without a ticketId but with a messageId gets the same id an email would. */
function withDerivedId(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const item = raw as { ticketId?: unknown; messageId?: unknown };
  if (item.ticketId === undefined && typeof item.messageId === 'string' && item.messageId.trim()) {
    return { ...item, ticketId: emailTicketId(item.messageId, item.messageId) };
  }
  return raw;
}

/** Validates each ticket on its own, so one bad ticket in a batch does not stop the others. */
export function validateTickets(items: unknown[]): ParsedTicket[] {
  return items.map((raw, index) => {
    const parsed = ticketSchema.safeParse(withDerivedId(raw));
    const id = (raw as { ticketId?: unknown } | null)?.ticketId;
    const label = typeof id === 'string' && id.trim() ? `#${index + 1} (${id.trim()})` : `#${index + 1}`;
    return parsed.success
      ? { index, label, ok: true, ticket: parsed.data }
      : { index, label, ok: false, errors: fieldErrors(parsed.error) };
  });
}

/** Reads an .eml message, or a JSON file holding one ticket, an array, or `{ "tickets": [...] }`. */
export async function readTicketFile(file: string): Promise<ParsedTicket[]> {
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (err) {
    throw new TicketFileError(
      file,
      `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  if (extname(file).toLowerCase() === '.eml') {
    const input = await ticketFromEml(content).catch((err: Error) => {
      throw new TicketFileError(file, `is not a readable email: ${err.message}`);
    });
    return validateTickets([input]);
  }
  let data: unknown;
  try {
    data = JSON.parse(content.toString('utf8'));
  } catch (err) {
    throw new TicketFileError(file, `is not valid JSON: ${(err as Error).message}`);
  }
  const items = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { tickets?: unknown }).tickets)
      ? (data as { tickets: unknown[] }).tickets
      : [data];
  if (items.length === 0) throw new TicketFileError(file, 'holds no tickets');
  return validateTickets(items);
}
