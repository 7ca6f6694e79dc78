import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { offlineNotice } from '../activities/tickets/triage/offline-triage';
import { systemPrompt, triageResponseFormat } from '../activities/tickets/triage/triage-prompt';
import { startFakeOpenAi, validTriage, type FakeOpenAi } from './fixtures/fake-openai-server';
import { llmActivitiesFor } from './helpers/llm';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

const request = (text = 'Subject: Refund\n\n[1] [EMAIL_1]:\nI was charged twice for ORD-1001.') => ({
  businessKey: 'ticket:T-1',
  text,
});

/** Runs the activity as Temporal would on the given attempt and returns its result or the failure it threw. */
async function run(
  activities: Awaited<ReturnType<typeof llmActivitiesFor>>['activities'],
  req = request(),
  attempt = 1,
) {
  return new MockActivityEnvironment({ attempt }).run(activities.triageTicket, req).catch((err: unknown) => err);
}

describe('LLM triage activity against a chat-completions server', () => {
  it('returns zod-checked structured output and records tokens and cost', async () => {
    const { activities } = await llmActivitiesFor(fake);
    const result = await run(activities);
    expect(result).toMatchObject({ outcome: 'triaged', source: 'llm', triage: validTriage, model: 'gpt-test' });
    const usage = (result as { usage: { promptTokens: number; completionTokens: number; costUsd: number } }).usage;
    expect(usage.promptTokens).toBeGreaterThan(0);
    expect(usage.costUsd).toBeCloseTo((usage.promptTokens * 0.15 + usage.completionTokens * 0.6) / 1e6, 8);

    const sent = fake.requests[0]?.body;
    expect(sent.response_format).toEqual(triageResponseFormat);
    expect(sent.response_format.json_schema.strict).toBe(true);
    expect(sent.messages[0]).toEqual({ role: 'system', content: systemPrompt });
  });

  it('turns a 429 into a retryable failure whose next delay is the retry-after', async () => {
    const { activities } = await llmActivitiesFor(fake);
    fake.script({ kind: 'rate-limited', retryAfter: '7' });
    const failure = await run(activities);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'LlmRateLimited', nonRetryable: false });
    expect((failure as ApplicationFailure).nextRetryDelay).toBe(7000);
  });

  it('retries 5xx, does not retry a rejected key', async () => {
    const { activities } = await llmActivitiesFor(fake);
    fake.script({ kind: 'server-error', status: 503 }, { kind: 'unauthorized' });
    expect(await run(activities)).toMatchObject({ type: 'LlmServerError', nonRetryable: false });
    expect(await run(activities)).toMatchObject({ type: 'LlmRequestRejected', nonRetryable: true });
    expect(fake.requests).toHaveLength(2); // the client's own retries are off: Temporal owns them
  });

  it('times out a request that never gets an answer', async () => {
    const { activities } = await llmActivitiesFor(fake, { timeoutMs: 300 });
    fake.script({ kind: 'hang' });
    expect(await run(activities)).toMatchObject({ type: 'LlmTimeout', nonRetryable: false });
  });

  it('retries malformed and schema-invalid replies, then hands the ticket to a person', async () => {
    const { activities } = await llmActivitiesFor(fake);
    fake.script({ kind: 'malformed' }, { kind: 'schema-invalid' });
    expect(await run(activities, request(), 1)).toMatchObject({ type: 'LlmOutputInvalid', nonRetryable: false });
    const last = await run(activities, request(), 2);
    expect(last).toMatchObject({ outcome: 'invalid-output', attempts: 2 });
    expect((last as { problems: string[] }).problems.join(' ')).toMatch(/priority|confidence/);
  });

  it('does not summarise identical redacted content twice, unless a fresh summary is asked for', async () => {
    const { activities } = await llmActivitiesFor(fake);
    expect(await run(activities)).toMatchObject({ source: 'llm' });
    expect(await run(activities)).toMatchObject({ source: 'cache', usage: { promptTokens: 0 } });
    expect(fake.requests).toHaveLength(1);
    expect(await run(activities, { ...request(), fresh: true } as ReturnType<typeof request>)).toMatchObject({
      source: 'llm',
    });
    expect(fake.requests).toHaveLength(2);
  });

  it("routes new tickets to people once the day's token budget is spent", async () => {
    const { activities } = await llmActivitiesFor(fake, { budgetTokens: 10 });
    expect(await run(activities, request('first ticket text'))).toMatchObject({ outcome: 'triaged' });
    expect(await run(activities, request('second ticket text'))).toMatchObject({
      outcome: 'budget-exhausted',
      budget: 10,
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('serves an offline, deterministic, labelled summary without an API key', async () => {
    const { activities } = await llmActivitiesFor(undefined);
    const text =
      'Subject: Refund\n\n[1] [EMAIL_1]:\nI was charged twice for order ORD-1001. Please refund the second charge of €49.99 urgently.';
    const a = await run(activities, request(text));
    const b = await run(activities, request(text));
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      outcome: 'triaged',
      source: 'offline',
      model: 'offline-extractive',
      usage: { promptTokens: 0 },
    });
    const triage = (a as { triage: typeof validTriage }).triage;
    expect(triage.summary.startsWith(offlineNotice)).toBe(true);
    expect(triage.category).toBe('billing');
    expect(triage.keyEntities).toEqual(expect.arrayContaining([{ kind: 'order', value: 'ORD-1001' }]));
    expect(fake.requests).toHaveLength(0);
  });
});
