import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiVault } from '../activities/engine/pii';
import { createTicketActivities } from '../activities/tickets';
import { ticketBusinessKey } from '../schemas/tickets/ticket';
import { startFakeOpenAi, type FakeOpenAi } from './fixtures/fake-openai-server';
import { notACard, piiCorpus, plantedPii } from './fixtures/pii-tickets';
import { llmActivitiesFor } from './helpers/llm';

let fake: FakeOpenAi;
let dir: string;
beforeAll(async () => {
  fake = await startFakeOpenAi();
  dir = await mkdtemp(join(tmpdir(), 'redaction-'));
});
afterAll(() => fake.close());

const allPii = Object.values(plantedPii).flat();
const env = new MockActivityEnvironment();
/** Runs an activity in a mock activity context, keeping its result type. */
const inActivity = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A) =>
  env.run(fn, ...args) as Promise<R>;

describe('PII redaction before the LLM', () => {
  it('sends no planted PII value to the endpoint, in any spelling', async () => {
    const tickets = createTicketActivities({
      dir: join(dir, 'tickets'),
      vault: new PiiVault({ dir: join(dir, 'vault') }),
    });
    const { activities } = await llmActivitiesFor(fake);
    for (const ticket of piiCorpus) {
      const prepared = await inActivity(tickets.prepareTicket, { businessKey: ticketBusinessKey(ticket), ticket });
      await inActivity(activities.triageTicket, { businessKey: ticketBusinessKey(ticket), text: prepared.text });
    }
    expect(fake.requests).toHaveLength(piiCorpus.length);
    const sent = fake.requests.map((r) => r.raw).join('\n');
    for (const value of allPii) {
      expect(sent, value).not.toContain(value);
      expect(sent, `${value} without separators`).not.toContain(value.replace(/[\s-]/g, ''));
    }
    expect(sent).toContain('[IBAN_1]');
    expect(sent).toContain('[CARD_2]');
    expect(sent).toContain('[NATIONAL_ID_2]');
    // Luhn: a number that is not a valid card is not redacted as one.
    expect(sent).toContain(notACard);
  });

  it('keeps the mapping encrypted in the vault, reversible only inside the engine', async () => {
    const vault = new PiiVault({ dir: join(dir, 'vault') });
    const tickets = createTicketActivities({ dir: join(dir, 'tickets'), vault });
    const ticket = piiCorpus[0]!;
    const prepared = await inActivity(tickets.prepareTicket, { businessKey: ticketBusinessKey(ticket), ticket });
    const stored = await readFile(join(dir, 'vault', `${prepared.piiRef}.json`), 'utf8');
    for (const value of allPii) expect(stored).not.toContain(value);
    const [restored] = await inActivity(tickets.restoreTicketText, {
      piiRef: prepared.piiRef,
      texts: ['Refund to [IBAN_1], we call [PHONE_1].'],
    });
    expect(restored).toBe('Refund to DE89 3704 0044 0532 0130 00, we call +49 30 12345678.');
    expect(prepared.piiCounts).toMatchObject({ EMAIL: 1, IBAN: 1, PHONE: 1 });
    // Another key cannot open it.
    await expect(
      new PiiVault({ dir: join(dir, 'vault'), key: 'a'.repeat(64) }).load(prepared.piiRef),
    ).rejects.toThrow();
    expect((await readdir(join(dir, 'vault'))).some((f) => f === '.vault-key')).toBe(true);
  });
});
