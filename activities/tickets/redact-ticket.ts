import type { Ticket } from '../../schemas/tickets/ticket';
import { Redactor, type RedactionResult } from '../engine/pii';
import { threadDigest } from './thread-digest';

export interface RedactedTicket extends RedactionResult {
  /** The subject with its PII replaced, for titles and records. */
  subject: string;
}

/**
 * A ticket as the model may see it: the thread digest and the subject, PII replaced by placeholders. Names are
 * learned from the whole raw ticket first (the customer's name, senders, greetings, signatures the digest cuts),
 * so a name that appears once in a signature is still replaced wherever else it occurs.
 */
export function redactTicket(ticket: Ticket): RedactedTicket {
  const redactor = new Redactor().learnNames(
    ticket.customer?.name,
    ticket.subject,
    ...ticket.messages.flatMap((m) => [`From: ${m.from}`, m.body]),
  );
  const subject = redactor.redact(ticket.subject);
  const text = redactor.redact(threadDigest(ticket));
  return { ...redactor.result(text), subject };
}
