import { createHash } from 'node:crypto';
import PostalMime from 'postal-mime';
import type { TicketInput } from '../../schemas/tickets/ticket';

/** An email's ticket id: a hash of its Message-ID (or of the whole message when it has none), so resending the same mail is a duplicate. */
export function emailTicketId(messageId: string | undefined, raw: string | Buffer): string {
  const source = messageId?.trim() ? messageId.trim().replace(/^<|>$/g, '') : raw;
  return `MSG-${createHash('sha256').update(source).digest('hex').slice(0, 16).toUpperCase()}`;
}

/** Plain text of an HTML-only mail: tags out, entities of the common kind decoded, paragraphs kept. */
function textOfHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * A raw RFC 5322 message as a ticket input (not yet validated): sender, subject and the text body as one
 * message. Quoted history stays in the body; the thread digest deals with it.
 */
export async function ticketFromEml(raw: string | Buffer): Promise<TicketInput> {
  const email = await PostalMime.parse(typeof raw === 'string' ? raw : new Uint8Array(raw));
  const from = email.from && 'address' in email.from && email.from.address ? email.from : undefined;
  const date = email.date && !Number.isNaN(Date.parse(email.date)) ? new Date(email.date).toISOString() : undefined;
  const body = email.text?.trim() ? email.text : email.html ? textOfHtml(email.html) : '';
  return {
    ticketId: emailTicketId(email.messageId, raw),
    channel: 'email',
    subject: email.subject ?? '',
    customer: from ? { name: from.name || undefined, email: from.address } : undefined,
    messageId: email.messageId,
    receivedAt: date,
    messages: [{ from: from?.address ?? 'unknown sender', sentAt: date, body }],
  };
}
