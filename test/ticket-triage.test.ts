import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { submitTicket, ticketResult } from '../client/tickets/submit-ticket';
import type { Ticket } from '../schemas/tickets/ticket';
import type { TaskState } from '../schemas/engine/human-task';
import { claimTaskUpdate, completeTaskUpdate, taskStateQuery, taskWorkflowId } from '../workflows/engine/human-task';
import { refreshTicketSummaryUpdate, ticketStatusQuery } from '../workflows/tickets/ticket-triage';
import { startFakeOpenAi, validTriage, type FakeOpenAi } from './fixtures/fake-openai-server';
import { piiCorpus, plantedPii } from './fixtures/pii-tickets';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';
import { startTicketStack, until, type TicketStack } from './helpers/ticket-stack';
import { actOnTask } from './helpers/signed-task-updates';

let temporal: TestTemporal;
let fake: FakeOpenAi;
/** Workers against the fake endpoint, shared by the tests that need no special llm settings. */
let shared: TicketStack;
beforeAll(async () => {
  temporal = await connectTestTemporal();
  fake = await startFakeOpenAi();
  shared = await startTicketStack(temporal, fake);
});
afterAll(async () => {
  await shared?.stop();
  await fake?.close();
  await temporal?.close();
});
beforeEach(() => {
  fake.defaults = {};
});

let seq = 0;
/** Each ticket's text differs (its order number), so the shared llm cache never answers for another test. */
const ticket = (overrides: Partial<Ticket> = {}): Ticket => {
  seq += 1;
  return {
    ticketId: `T-${Date.now()}-${seq}`,
    channel: 'web',
    subject: 'Charged twice',
    messages: [
      {
        from: 'anna.schmidt@example.de',
        body: `I was charged twice for ORD-${Date.now()}${seq}. Please refund to DE89 3704 0044 0532 0130 00.`,
      },
    ],
    ...overrides,
  };
};
const clerk = { username: 'clerk', roles: ['clerk'] };

/** Runs fn with both workers; `offline: true` leaves the llm worker without an endpoint (no API key). */
async function withStack<T>(
  fn: (stack: TicketStack) => Promise<T>,
  llm?: Parameters<typeof startTicketStack>[2] & { offline?: boolean },
): Promise<T> {
  if (!llm) return fn(shared);
  const stack = await startTicketStack(temporal, llm.offline ? undefined : fake, llm);
  try {
    return await fn(stack);
  } finally {
    await stack.stop();
  }
}

/** The review task of a ticket once it is open, as the inbox would find it. */
async function reviewTask(workflowId: string): Promise<TaskState> {
  const handle = temporal.client.workflow.getHandle(taskWorkflowId(workflowId, 'review'));
  return until(() => handle.query(taskStateQuery), `the review task of ${workflowId}`);
}

async function completeReview(workflowId: string, data: unknown): Promise<void> {
  await reviewTask(workflowId);
  const handle = temporal.client.workflow.getHandle(taskWorkflowId(workflowId, 'review'));
  await actOnTask(handle, claimTaskUpdate, { actor: clerk });
  await actOnTask(handle, completeTaskUpdate, { actor: clerk, data });
}

// Generous timeouts: each test waits on real workers and a real server, which a busy machine slows down.
describe('ticketTriage on a real Temporal server', { timeout: 120_000 }, () => {
  it('files a confident, normal-priority ticket automatically, with tokens and cost, and no PII sent', async () => {
    await withStack(async ({ queues, tickets }) => {
      const t = ticket();
      const started = await submitTicket(temporal.client, queues, t);
      const result = await ticketResult(temporal.client, started.workflowId);
      expect(result).toMatchObject({ status: 'filed', route: 'auto', reasons: [], source: 'llm', triage: validTriage });
      expect(result.usage.promptTokens).toBeGreaterThan(0);
      expect(result.usage.costUsd).toBeGreaterThan(0);
      const filed = await tickets.getFiledTicket({ businessKey: started.workflowId });
      expect(filed).toMatchObject({ route: 'auto', ticketId: t.ticketId });
      const description = await temporal.client.workflow.getHandle(started.workflowId).describe();
      expect(description.searchAttributes).toMatchObject({ BpoProcess: ['ticket'], BpoStatus: ['filed'] });
      const sent = fake.requests.map((r) => r.raw).join('\n');
      expect(sent).not.toContain('anna.schmidt@example.de');
      expect(sent).not.toContain('DE89 3704');
    });
  });

  it('routes a low-confidence ticket to a review task; the agent edits, a fresh summary can be asked for', async () => {
    fake.defaults = { confidence: 0.4 };
    await withStack(async ({ queues }) => {
      const started = await submitTicket(temporal.client, queues, ticket());
      const task = await reviewTask(started.workflowId);
      expect(task).toMatchObject({ form: 'ticket-review', status: 'open', candidateRoles: ['clerk'] });
      // The task keeps the redacted text and a vault reference; only the API restores the values for the agent
      // (test/security/pii-at-rest.test.ts), and the model never saw them.
      expect(task.context.proposedReply).toContain('[IBAN_1]');
      expect(JSON.stringify(task)).not.toContain('DE89 3704 0044 0532 0130 00');

      const handle = temporal.client.workflow.getHandle(started.workflowId);
      const before = fake.requests.length;
      fake.script({ kind: 'valid', triage: { summary: 'A fresher summary.', confidence: 0.5 } });
      const refreshed = await handle.executeUpdate(refreshTicketSummaryUpdate, { args: [{ requestedBy: 'clerk' }] });
      expect(refreshed).toMatchObject({ summaries: 2, triage: { summary: 'A fresher summary.' } });
      expect(fake.requests.length).toBe(before + 1);

      await completeReview(started.workflowId, {
        decision: 'edit',
        draftReply: 'Dear Anna, the refund is on its way.',
      });
      const result = await ticketResult(temporal.client, started.workflowId);
      expect(result).toMatchObject({ route: 'review', reasons: ['low-confidence'], reviewedBy: 'clerk' });
      // What the agent wrote is kept redacted too: the name from its greeting is a placeholder in the record.
      expect(result.triage).toMatchObject({
        summary: 'A fresher summary.',
        draftReply: 'Dear [NAME_1], the refund is on its way.',
      });
      await expect(
        handle.executeUpdate(refreshTicketSummaryUpdate, { args: [{ requestedBy: 'clerk' }] }),
      ).rejects.toThrow(/filed|completed/);
    });
  });

  it('routes policy matches and high priority to review even when the model is sure', async () => {
    fake.defaults = { priority: 'urgent' };
    await withStack(async ({ queues }) => {
      const t = ticket({
        messages: [
          { from: 'x@example.com', body: 'My lawyer will start legal action about the unauthorized transaction.' },
        ],
      });
      const started = await submitTicket(temporal.client, queues, t);
      await until(
        async () =>
          (await temporal.client.workflow.getHandle(started.workflowId).query(ticketStatusQuery)).status ===
          'in-review',
        'review',
      );
      const state = await temporal.client.workflow.getHandle(started.workflowId).query(ticketStatusQuery);
      expect(state.reasons).toEqual(expect.arrayContaining(['policy:legal', 'policy:security', 'high-priority']));
      await completeReview(started.workflowId, { decision: 'accept' });
      expect(await ticketResult(temporal.client, started.workflowId)).toMatchObject({
        route: 'review',
        reviewedBy: 'clerk',
      });
    });
  });

  it('sends tickets to people instead of failing when the token budget is spent or the output stays invalid', async () => {
    await withStack(
      async ({ queues }) => {
        const first = await submitTicket(temporal.client, queues, ticket());
        await ticketResult(temporal.client, first.workflowId); // spends the tiny budget
        const second = await submitTicket(temporal.client, queues, ticket({ subject: 'Another question' }));
        await until(
          async () =>
            (await temporal.client.workflow.getHandle(second.workflowId).query(ticketStatusQuery)).status ===
            'in-review',
          'review',
        );
        expect((await temporal.client.workflow.getHandle(second.workflowId).query(ticketStatusQuery)).reasons).toEqual([
          'token-budget-spent',
        ]);
        await completeReview(second.workflowId, {
          decision: 'edit',
          summary: 'Written by the agent.',
          draftReply: 'Hello.',
        });
        expect(await ticketResult(temporal.client, second.workflowId)).toMatchObject({
          triage: { summary: 'Written by the agent.' },
        });
      },
      { budgetTokens: 5 },
    );
    await withStack(async ({ queues }) => {
      fake.script({ kind: 'schema-invalid' }, { kind: 'malformed' });
      const started = await submitTicket(temporal.client, queues, ticket({ subject: 'Output never valid' }));
      await until(
        async () =>
          (await temporal.client.workflow.getHandle(started.workflowId).query(ticketStatusQuery)).status ===
          'in-review',
        'review',
        30_000,
      );
      expect((await temporal.client.workflow.getHandle(started.workflowId).query(ticketStatusQuery)).reasons).toEqual([
        'llm-output-invalid',
      ]);
      await temporal.client.workflow.getHandle(started.workflowId).terminate('test done');
    });
  });

  it('runs offline without an API key, says so, and reports a resubmission as a duplicate', async () => {
    await withStack(
      async ({ queues }) => {
        const t = piiCorpus[1]!;
        const withId = { ...t, ticketId: `${t.ticketId}-${Date.now()}` };
        const started = await submitTicket(temporal.client, queues, withId);
        const state = await until(async () => {
          const s = await temporal.client.workflow.getHandle(started.workflowId).query(ticketStatusQuery);
          return s.status === 'in-review' ? s : undefined;
        }, 'review');
        expect(state).toMatchObject({ source: 'offline', model: 'offline-extractive' });
        expect(state.reasons[0]).toBe('offline-summary');
        expect(state.triage?.summary).toMatch(/^\[offline summary/);
        for (const value of plantedPii.cards) expect(JSON.stringify(state.triage)).not.toContain(value);
        const again = await submitTicket(temporal.client, queues, {
          ...withId,
          ticketId: withId.ticketId.toLowerCase(),
        });
        expect(again).toEqual({ outcome: 'duplicate', workflowId: started.workflowId, status: 'RUNNING' });
        await temporal.client.workflow.getHandle(started.workflowId).terminate('test done');
      },
      { offline: true },
    );
  });
});
