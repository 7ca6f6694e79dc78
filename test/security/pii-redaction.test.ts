import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseText, PiiVault } from '../../activities/engine/pii';
import { createTicketActivities } from '../../activities/tickets';
import { ticketBusinessKey, type Ticket } from '../../schemas/tickets/ticket';
import { startFakeOpenAi, type FakeOpenAi } from '../fixtures/fake-openai-server';
import { runBpo } from '../helpers/bpo-cli';
import { llmActivitiesFor } from '../helpers/llm';

/**
 * Issue 17, item 8: what the redaction missed, and every detector family, sent through the real path (the
 * sealed ticket opened and redacted by the ticket activity, the LLM step's request to an OpenAI-compatible
 * server) and searched for in what the server received.
 */
const misses = {
  'IBAN with dashes': 'DE89-3704-0044-0532-0130-00',
  'IBAN with dots': 'GB82.WEST.1234.5698.7654.32',
  'IBAN with no-break spaces': 'NL91\u00A0ABNA\u00A00417\u00A01643\u00A000',
  'card with dots': '4111.1111.1111.1111',
  'phone 030/12345678': '030/12345678',
  'e-mail with full-width @': 'jan.novak＠example.cz',
  'Czech birth number': '855230/1234',
  'birth date': '12.05.1985',
  'street address': 'Hauptstraße 12, 10115 Berlin',
} as const;

const families = {
  'IBAN with narrow no-break spaces': 'FR14\u202F2004\u202F1010\u202F0505\u202F0001\u202F3M02\u202F606',
  'card with thin spaces': '5500\u20090000\u20090000\u20090004',
  'card with en dashes': '3782\u201382246\u201310005',
  'e-mail spelled out': 'petra.k (at) example (dot) org',
  'phone with (0)': '+49 (0)30 1234-5678',
  'US phone': '(212) 555-0123',
  'UK phone': '+44 20 7946 0958',
  'US SSN': '123-45-6789',
  'UK NINO': 'AB 12 34 56 C',
  'Spanish DNI': '12345678Z',
  'Italian codice fiscale': 'RSSMRA85T10A562S',
  'Dutch BSN': '111222333',
  'Polish PESEL': '44051401359',
  'Belgian national number': '85.07.30-033.28',
  'French NIR': '1 85 05 78 006 084 91',
  'Swedish personnummer': '811218-9876',
  'Finnish HETU': '131052-308T',
  'German tax id': '65929970489',
  'Portuguese NIF': '123456789',
  'Irish PPSN': '1234567T',
  'Romanian CNP': '1800101221144',
  'English address': '221B Baker Street',
} as const;

const names = ['Jan', 'Novák', 'Petra', 'Kowalska', 'Zofia'];

const tickets: Ticket[] = [
  {
    ticketId: 'SEC-PII-1',
    channel: 'email',
    subject: 'Refund for ORD-1001, Jan Novák',
    customer: { name: 'Jan Novák', email: 'jan.novak@example.cz' },
    messages: [
      {
        from: 'Jan Novák <jan.novak@example.cz>',
        body: [
          'Dear Petra Kowalska,',
          `I was charged twice for ORD-1001. Refund to ${misses['IBAN with dashes']} or ${misses['IBAN with dots']}`,
          `or ${misses['IBAN with no-break spaces']}. My card ${misses['card with dots']} was charged.`,
          `Call me on ${misses['phone 030/12345678']} or write to ${misses['e-mail with full-width @']}.`,
          `Rodné číslo ${misses['Czech birth number']}, born on ${misses['birth date']}.`,
          `I live at ${misses['street address']} now. Petra knows Jan from before.`,
          '',
          'Best regards,',
          'Jan Novák',
        ].join('\n'),
      },
    ],
  },
  {
    ticketId: 'SEC-PII-2',
    channel: 'web',
    subject: 'Account details for ORD-2002',
    messages: [
      {
        from: 'web form',
        body: [
          'Hi Zofia,',
          ...Object.entries(families).map(([label, value]) => `${label}: ${value}.`),
          'Thanks,',
          'Zofia Kowalska',
        ].join('\n'),
      },
    ],
  },
];

/** A value in every spelling it could leak in: as written, normalised, and without separators. */
function spellings(value: string): string[] {
  const normalised = normaliseText(value);
  const compact = normalised.replace(/[\s./()-]/g, '');
  return [...new Set([value, normalised, compact])].filter((s) => s.length >= 3);
}

const env = new MockActivityEnvironment();
const inActivity = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A) =>
  env.run(fn, ...args) as Promise<R>;

let fake: FakeOpenAi;
let dir: string;
let sent: string;
let requests: Array<{ ticketId: string; messages: unknown }>;

beforeAll(async () => {
  fake = await startFakeOpenAi();
  dir = await mkdtemp(join(tmpdir(), 'sec-pii-redaction-'));
  const vault = new PiiVault({ dir: join(dir, 'vault') });
  const activities = createTicketActivities({ dir: join(dir, 'filed'), vault });
  const { activities: llm } = await llmActivitiesFor(fake);
  requests = [];
  for (const ticket of tickets) {
    const businessKey = ticketBusinessKey(ticket);
    const ticketRef = await vault.seal(ticket);
    const prepared = await inActivity(activities.prepareTicket, { businessKey, ticketRef });
    await inActivity(llm.triageTicket, { businessKey, text: prepared.text });
    requests.push({ ticketId: ticket.ticketId, messages: fake.requests.at(-1)!.body.messages });
  }
  sent = fake.requests.map((r) => JSON.stringify(r.body.messages) + r.raw).join('\n');
});

afterAll(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('item 8: redaction misses, through the LLM step to an OpenAI-compatible server', () => {
  it('the server received one request per ticket, with the ticket text in it', () => {
    expect(fake.requests).toHaveLength(tickets.length);
    expect(sent).toContain('ORD-1001');
    expect(sent).toContain('ORD-2002');
  });

  for (const [label, value] of Object.entries(misses))
    it(`item 8: ${label} (${value}) never reaches the model`, () => {
      for (const spelling of spellings(value)) expect(sent, spelling).not.toContain(spelling);
    });

  it("item 8: the sender's and recipient's names (header, greeting, signature, later mentions) never reach it", () => {
    const userText = fake.requests
      .map((r) => JSON.stringify(r.body.messages.filter((m: { role: string }) => m.role === 'user')))
      .join();
    for (const name of names) expect(userText, name).not.toContain(name);
    expect(userText).toContain('[NAME_');
  });

  for (const [label, value] of Object.entries(families))
    it(`detector family: ${label} (${JSON.stringify(value)}) never reaches the model`, () => {
      for (const spelling of spellings(value)) expect(sent, spelling).not.toContain(spelling);
    });
});

describe('bpo ticket redact <file>', () => {
  it('prints exactly the messages the LLM step sent for each ticket, and starts nothing', async () => {
    const file = join(dir, 'tickets.json');
    await writeFile(file, JSON.stringify({ tickets }));
    const run = await runBpo(['ticket', 'redact', file, '--json'], { DATA_DIR: join(dir, 'cli-data') });
    expect(run.code, run.stderr).toBe(0);
    const printed = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { ticketId: string; messages: unknown });
    expect(printed).toEqual(requests);
    for (const value of [...Object.values(misses), ...Object.values(families), ...names])
      for (const spelling of spellings(value)) expect(run.stdout, spelling).not.toContain(spelling);
  });

  it('reads an .eml file as `bpo ticket submit` does, and names the field of an invalid ticket', async () => {
    const eml = join(dir, 'mail.eml');
    await writeFile(
      eml,
      [
        'From: "Jan Novák" <jan.novak@example.cz>',
        'To: support@shop.example',
        'Subject: Refund',
        'Message-ID: <sec-pii-eml@example.cz>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        `Please refund to ${misses['IBAN with dashes']}.`,
        '',
        'Regards,',
        'Jan Novák',
      ].join('\r\n'),
    );
    const run = await runBpo(['ticket', 'redact', eml], { DATA_DIR: join(dir, 'cli-data') });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('[IBAN_1]');
    for (const leak of ['DE89', 'Novák', 'jan.novak']) expect(run.stdout).not.toContain(leak);

    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ ticketId: 'X-1', subject: '', messages: [] }));
    const refused = await runBpo(['ticket', 'redact', bad], { DATA_DIR: join(dir, 'cli-data') });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/subject: must not be empty/);
  });
});
