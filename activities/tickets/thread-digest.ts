import type { Ticket } from '../../schemas/tickets/ticket';

/** Where quoted history starts in a reply: everything from here down repeats earlier messages. */
const quoteHeaders = [
  /^On .{1,200}wrote:\s*$/im,
  /^-{2,}\s*Original Message\s*-{2,}/im,
  /^From: .+\n(?:.*\n){0,3}?(?:Sent|Date): /im,
  /^Am .{1,200}schrieb .{1,200}:\s*$/im,
];

/** Signatures and legal footers carry no request; cut them at their first line. */
const footerStarts = [
  /^-- ?$/m,
  /^(?:Sent from my|Get Outlook for)\b.*$/im,
  /^(?:CONFIDENTIALITY NOTICE|DISCLAIMER|This (?:e-?mail|message) (?:and any attachments )?(?:is|are|may be) (?:confidential|intended))/im,
];

function cutAtFirst(body: string, patterns: RegExp[]): string {
  let end = body.length;
  for (const pattern of patterns) {
    const match = pattern.exec(body);
    if (match && match.index < end) end = match.index;
  }
  return body.slice(0, end);
}

const historyLimit = 2000;

function tidy(text: string): string {
  return text
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The new part of one message: no quoted lines, no quoted history, no signature, tidy whitespace. */
export function newContentOf(body: string): string {
  const unquoted = body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => !/^\s*>/.test(line))
    .join('\n');
  return tidy(cutAtFirst(cutAtFirst(unquoted, quoteHeaders), footerStarts));
}

/**
 * The history a lone email quotes (nothing earlier in the ticket repeats it): quote marks removed, each
 * paragraph once, signatures dropped, capped, so the model still learns how the thread began.
 */
export function quotedHistoryOf(body: string, seen: Set<string>): string {
  const text = body.replace(/\r\n?/g, '\n');
  const start = Math.min(
    ...quoteHeaders.map((p) => p.exec(text)?.index ?? text.length),
    text.search(/^\s*>/m) === -1 ? text.length : text.search(/^\s*>/m),
  );
  const history = text
    .slice(start)
    .split('\n')
    .map((line) => line.replace(/^(\s*>)+ ?/, ''))
    .filter((line) => !quoteHeaders.some((h) => h.test(line)))
    .join('\n');
  const paragraphs = history
    .split(/\n\s*\n/)
    .map((p) => tidy(cutAtFirst(p, footerStarts)))
    .filter((p) => p && !seen.has(p));
  paragraphs.forEach((p) => seen.add(p));
  const joined = paragraphs.join('\n\n');
  return joined.length > historyLimit ? `${joined.slice(0, historyLimit)} …` : joined;
}

/**
 * The ticket as the model needs it: subject and each message's new content, oldest first, repeats dropped.
 * Mail threads quote everything before them, so this is where most of the prompt's size is saved.
 */
export function threadDigest(ticket: Pick<Ticket, 'subject' | 'messages'>): string {
  const seen = new Set<string>();
  const parts = [`Subject: ${ticket.subject.trim()}`];
  ticket.messages.forEach((message, i) => {
    const content = newContentOf(message.body);
    if (!content || seen.has(content)) return;
    seen.add(content);
    parts.push(`[${i + 1}] ${message.from.trim()}${message.sentAt ? ` (${message.sentAt})` : ''}:\n${content}`);
    if (i === 0) {
      const history = quotedHistoryOf(message.body, seen);
      if (history) parts.push(`(earlier messages quoted in [1]):\n${history}`);
    }
  });
  return parts.join('\n\n');
}

/** The whole raw thread as a naive integration would send it; the benchmark's baseline. */
export function rawThread(ticket: Pick<Ticket, 'subject' | 'messages'>): string {
  return [
    `Subject: ${ticket.subject}`,
    ...ticket.messages.map((m) => `From: ${m.from}${m.sentAt ? `\nDate: ${m.sentAt}` : ''}\n\n${m.body}`),
  ].join('\n\n');
}
