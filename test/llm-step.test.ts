import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLlmStepActivities, type LlmStepDeps, type LlmTask } from '../activities/engine/llm/llm-step';
import { DailyTokenBudget } from '../activities/engine/llm/token-budget';
import type { LlmStepRequest } from '../schemas/engine/llm';
import { startFakeOpenAi, type FakeOpenAi } from './fixtures/fake-openai-server';
import { llmDepsFor } from './helpers/llm';

// A task of the kind a process declares: does a bank letter confirm the account on the form?
const letterCheck = z.object({
  matches: z.boolean(),
  mismatches: z.array(z.string()),
  confidence: z.number().min(0).max(1),
});
const task: LlmTask<{ letter: string; iban: string }, z.infer<typeof letterCheck>> = {
  name: 'bank-letter-check',
  version: 'v1',
  schema: letterCheck,
  input: z.object({ letter: z.string().min(1, 'is required'), iban: z.string() }),
  messages: ({ letter, iban }) => [
    { role: 'system', content: 'Compare the bank letter with the account on the form. Answer in the schema.' },
    { role: 'user', content: `Form account: ${iban}\nLetter:\n${letter}` },
  ],
  offline: () => ({ matches: false, mismatches: ['no model: a person compares'], confidence: 0 }),
  confidence: (answer) => answer.confidence,
};

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

async function stepFor(withModel: boolean, overrides: Partial<LlmStepDeps> = {}) {
  const { deps } = await llmDepsFor(withModel ? fake : undefined, overrides);
  const { llmStep } = createLlmStepActivities(deps, [task]);
  return (request: Partial<LlmStepRequest>, attempt = 1) =>
    new MockActivityEnvironment({ attempt })
      .run(llmStep, { task: 'bank-letter-check', businessKey: 'vendor:1', input: {}, ...request })
      .catch((err: unknown) => err);
}

const input = {
  letter: 'Dear Sir, we confirm the account DE89 3704 0044 0532 0130 00 of Acme GmbH. Contact: ap@acme.example',
  iban: 'DE89370400440532013000',
};
const answer = { matches: true, mismatches: [], confidence: 0.93 };

describe('the engine LLM step', () => {
  it('answers any zod schema as structured output, with PII redacted before it leaves', async () => {
    const step = await stepFor(true);
    fake.script({ kind: 'content', content: JSON.stringify(answer) });
    const result = await step({ input });
    expect(result).toMatchObject({ outcome: 'answered', source: 'llm', output: answer, confidence: 0.93 });
    const sent = fake.requests[0];
    expect(sent?.body.response_format.json_schema).toMatchObject({ name: 'bank-letter-check', strict: true });
    expect(sent?.body.response_format.json_schema.schema.required).toEqual(['matches', 'mismatches', 'confidence']);
    // Neither the IBAN (in either spelling) nor the e-mail address reaches the endpoint.
    expect(sent?.raw).not.toContain('ap@acme.example');
    expect(sent?.raw).not.toContain('DE89370400440532013000');
    expect(sent?.raw).not.toContain('DE89 3704 0044 0532 0130 00');
    expect(sent?.raw).toContain('[IBAN_1]');
  });

  it('serves the same request from the cache, and asks again when told to', async () => {
    const step = await stepFor(true);
    fake.script({ kind: 'content', content: JSON.stringify(answer) });
    await step({ input });
    expect(await step({ input })).toMatchObject({ outcome: 'answered', source: 'cache', output: answer });
    expect(fake.requests).toHaveLength(1);
    fake.script({ kind: 'content', content: JSON.stringify({ ...answer, confidence: 0.5 }) });
    expect(await step({ input, fresh: true })).toMatchObject({ source: 'llm', confidence: 0.5 });
    expect(fake.requests).toHaveLength(2);
  });

  it('retries a reply that does not fit the schema, then hands it back as invalid output', async () => {
    const step = await stepFor(true);
    const wrong = JSON.stringify({ matches: 'yes', confidence: 3 });
    fake.script({ kind: 'content', content: wrong }, { kind: 'content', content: wrong });
    const first = await step({ input }, 1);
    expect(first).toBeInstanceOf(ApplicationFailure);
    expect(first).toMatchObject({ type: 'LlmOutputInvalid', nonRetryable: false });
    const last = await step({ input }, 2);
    expect(last).toMatchObject({ outcome: 'invalid-output', attempts: 2 });
    expect((last as { problems: string[] }).problems.join(' ')).toMatch(/matches/);
  });

  it('refuses an input its task does not accept, naming the field, and sends nothing', async () => {
    const step = await stepFor(true);
    const refused = await step({ input: { iban: 'DE89370400440532013000' } });
    expect(refused).toMatchObject({ type: 'LlmRequestRejected', nonRetryable: true });
    expect((refused as Error).message).toMatch(/letter/);
    expect(await step({ task: 'no-such-task', input })).toMatchObject({ type: 'LlmRequestRejected' });
    expect(fake.requests).toHaveLength(0);
  });

  it("answers offline without a model, and says so, and stops at the day's token budget", async () => {
    const offline = await stepFor(false);
    expect(await offline({ input })).toMatchObject({ outcome: 'answered', source: 'offline', confidence: 0 });
    const dir = await mkdtemp(join(tmpdir(), 'llm-budget-'));
    const budget = new DailyTokenBudget(join(dir, 'usage'), 10);
    await budget.record(10);
    const spent = await stepFor(true, { budget });
    expect(await spent({ input })).toMatchObject({ outcome: 'budget-exhausted', budget: 10 });
    expect(fake.requests).toHaveLength(0);
  });
});
