import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadDigest } from '../../activities/tickets/thread-digest';
import { readTicketFile } from '../../client/tickets/read-ticket-file';
import { ticketBusinessKey } from '../../schemas/tickets/ticket';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ticket-intake-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const eml = (messageId: string) =>
  [
    `Message-ID: <${messageId}>`,
    'From: Anna Schmidt <anna@example.de>',
    'Subject: Refund please',
    'Date: Mon, 2 Nov 2026 09:30:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello,',
    'I was charged twice for ORD-1001.',
    '',
    'On Sun, 1 Nov 2026, Support wrote:',
    '> Thanks for your order.',
  ].join('\r\n');

describe('ticket intake', () => {
  it('reads an .eml into a ticket whose id is a hash of its Message-ID', async () => {
    await writeFile(join(dir, 'a.eml'), eml('abc@mail.example'));
    await writeFile(join(dir, 'b.eml'), eml('abc@mail.example'));
    const [a] = await readTicketFile(join(dir, 'a.eml'));
    const [b] = await readTicketFile(join(dir, 'b.eml'));
    expect(a).toMatchObject({
      ok: true,
      ticket: { channel: 'email', subject: 'Refund please', customer: { email: 'anna@example.de' } },
    });
    const key = a?.ok ? ticketBusinessKey(a.ticket) : '';
    expect(key).toMatch(/^ticket:MSG-[0-9A-F]{16}$/);
    expect(b?.ok && ticketBusinessKey(b.ticket)).toBe(key); // the same mail again is the same ticket
  });

  it('names every bad field and starts nothing for an invalid JSON ticket', async () => {
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify({
        tickets: [
          { ticketId: 'bad id!', subject: '', messages: [] },
          { ticketId: 'T-1', subject: 'ok', messages: [{ from: 'x', body: 'y' }] },
        ],
      }),
    );
    const [bad, good] = await readTicketFile(join(dir, 'bad.json'));
    expect(bad?.ok).toBe(false);
    expect(!bad?.ok && bad?.errors.map((e) => e.path)).toEqual(['ticketId', 'subject', 'messages']);
    expect(good?.ok).toBe(true);
  });

  it('digests a thread: quoted history, signatures and footers are not sent again', () => {
    const digest = threadDigest({
      subject: 'Refund',
      messages: [
        { from: 'anna', body: 'My order arrived broken.\n-- \nAnna | Example GmbH' },
        { from: 'support', body: 'Sorry! Photo please?\n\nOn Mon, anna wrote:\n> My order arrived broken.' },
        { from: 'anna', body: 'Photo attached.\n\nCONFIDENTIALITY NOTICE: This e-mail is confidential.' },
      ],
    });
    expect(digest).toBe(
      'Subject: Refund\n\n[1] anna:\nMy order arrived broken.\n\n[2] support:\nSorry! Photo please?\n\n[3] anna:\nPhoto attached.',
    );
  });
});
