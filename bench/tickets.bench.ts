/**
 * Ticket triage cost: tokens the engine sends per ticket against a naive prompt holding the whole raw thread
 * (both counted with the o200k tokenizer), and the cache hit rate on a corpus in which tickets repeat.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { getEncoding } from 'js-tiktoken';
import { createLlmActivities, createOpenAiClient, DailyTokenBudget, LlmCache } from '../activities/tickets/triage';
import { systemPrompt, triageMessages, triageResponseFormat } from '../activities/tickets/triage/triage-prompt';
import { PiiVault } from '../activities/engine/pii';
import { createTicketActivities } from '../activities/tickets';
import { rawThread } from '../activities/tickets/thread-digest';
import { ticketBusinessKey, type Ticket } from '../schemas/tickets/ticket';
import { startFakeOpenAi } from '../test/fixtures/fake-openai-server';
import type { Benchmark } from './run';
import { ticketCorpus } from './ticket-corpus';

const encoder = getEncoding('o200k_base');
const tokens = (text: string) => encoder.encode(text).length;
/** Chat formatting costs a few tokens per message on top of the content. */
const messageTokens = (messages: Array<{ content: string }>) =>
  messages.reduce((sum, m) => sum + tokens(m.content) + 4, 3);

/** Repeats: the same complaint from other customers (differs only in PII) and plain resubmissions. */
function withRepeats(corpus: Ticket[]): Ticket[] {
  const repeats = corpus.slice(0, Math.floor(corpus.length / 4)).flatMap((t, i) => [
    {
      ...t,
      ticketId: `${t.ticketId}-R`,
      messages: t.messages.map((m) => ({
        ...m,
        from: m.from.replace(/\d+@/, `${900 + i}@`),
        body: m.body.replace(/\d+@/g, `${900 + i}@`),
      })),
    },
  ]);
  return [...corpus, ...repeats];
}

const bench: Benchmark = {
  name: 'tickets',
  async run() {
    const corpus = ticketCorpus(200);
    const dir = await mkdtemp(join(tmpdir(), 'bench-tickets-'));
    const fake = await startFakeOpenAi();
    const env = new MockActivityEnvironment({}, { logger: new DefaultLogger('WARN') });
    const inActivity = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A) =>
      env.run(fn, ...args) as Promise<R>;
    try {
      const tickets = createTicketActivities({
        dir: join(dir, 'filed'),
        vault: new PiiVault({ dir: join(dir, 'vault') }),
      });
      const llm = createLlmActivities({
        openai: createOpenAiClient({ apiKey: 'bench', baseURL: fake.baseURL, timeoutMs: 10_000 }),
        model: 'gpt-4o-mini',
        timeoutMs: 10_000,
        outputAttempts: 1,
        budget: new DailyTokenBudget(join(dir, 'usage'), 0),
        cache: new LlmCache(join(dir, 'cache')),
        prices: { inputPerMTok: 0.15, outputPerMTok: 0.6 },
      });
      const schemaTokens = tokens(JSON.stringify(triageResponseFormat));

      let engineTokens = 0;
      let naiveTokens = 0;
      for (const ticket of corpus) {
        const prepared = await inActivity(tickets.prepareTicket, { businessKey: ticketBusinessKey(ticket), ticket });
        engineTokens += messageTokens(triageMessages(prepared.text)) + schemaTokens;
        naiveTokens += messageTokens([
          { content: systemPrompt },
          { content: `Triage this ticket:\n${rawThread(ticket)}` },
        ]);
      }

      const stream = withRepeats(corpus);
      let hits = 0;
      for (const ticket of stream) {
        const prepared = await inActivity(tickets.prepareTicket, {
          businessKey: `${ticketBusinessKey(ticket)}:cache`,
          ticket,
        });
        const result = await inActivity(llm.triageTicket, { businessKey: ticket.ticketId, text: prepared.text });
        if (result.outcome === 'triaged' && result.source === 'cache') hits += 1;
      }
      const expectedRepeats = stream.length - corpus.length;
      return [
        {
          figure: `tickets: tokens sent per ticket ÷ naive prompt with the raw thread (o200k tokenizer, ${corpus.length} email threads of 2–6 messages; ours includes the JSON schema)`,
          value: (engineTokens / naiveTokens).toFixed(2),
          target: '≤ 0.5',
        },
        {
          figure: 'tickets: mean tokens sent per ticket, engine vs naive',
          value: `${Math.round(engineTokens / corpus.length)} vs ${Math.round(naiveTokens / corpus.length)}`,
          target: 'report',
        },
        {
          figure: `tickets: cache hit rate, ${stream.length} tickets of which ${expectedRepeats} repeat an earlier one with other PII`,
          value: `${((hits / stream.length) * 100).toFixed(1)} % (${hits === expectedRepeats ? 'all' : `${hits} of`} ${expectedRepeats} repeats from cache; ${fake.requests.length} endpoint calls)`,
          target: `= share of repeats (${((expectedRepeats / stream.length) * 100).toFixed(1)} %)`,
        },
      ];
    } finally {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
