/** Recorded scenario of a support ticket: offline triage, review task, a fresh summary asked for, the agent's edit. */
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { createLlmActivities, DailyTokenBudget, LlmCache } from '../../activities/tickets/triage';
import { PiiVault } from '../../activities/engine/pii';
import { createTicketActivities } from '../../activities/tickets';
import { claimTaskUpdate, completeTaskUpdate } from '../../workflows/engine/human-task/messages';
import { refreshTicketSummaryUpdate, ticketTriage } from '../../workflows/tickets/ticket-triage';
import { waitForWorkflow } from './complete-task';
import { actOnTask } from '../../test/helpers/signed-task-updates';

const clerk = { username: 'clerk', roles: ['clerk'] };

const ticketVault = (dir: string) => new PiiVault({ dir: join(dir, 'pii-vault') });

/** Engine-side ticket steps and the offline summariser (no endpoint: the recording needs no network). */
export function ticketActivities(dir: string) {
  return {
    ...createTicketActivities({ dir: join(dir, 'tickets'), vault: ticketVault(dir) }),
    ...createLlmActivities({
      model: 'offline',
      timeoutMs: 10_000,
      outputAttempts: 2,
      budget: new DailyTokenBudget(join(dir, 'llm-usage'), 0),
      cache: new LlmCache(join(dir, 'llm-cache')),
      prices: { inputPerMTok: 0, outputPerMTok: 0 },
    }),
  };
}

const ticket = {
  ticketId: 'T-REPLAY-1',
  channel: 'email' as const,
  subject: 'Charged twice',
  messages: [
    {
      from: 'anna@example.test',
      body: 'I was charged twice for ORD-1001. Please refund to DE89 3704 0044 0532 0130 00.',
    },
  ],
};

/** Asks for a fresh summary, then the clerk edits the reply: what both ticket scenarios do once triage waits. */
async function reviewAndEdit(client: Client, workflowId: string): Promise<void> {
  const handle = client.workflow.getHandle(workflowId);
  const task = client.workflow.getHandle(`${workflowId}:task:review`);
  // The review task starts a moment after triage: wait until it exists.
  await waitForWorkflow(client, task.workflowId, 200);
  await handle.executeUpdate(refreshTicketSummaryUpdate, { args: [{ requestedBy: 'clerk' }] });
  await actOnTask(task, claimTaskUpdate, { actor: clerk });
  await actOnTask(task, completeTaskUpdate, {
    actor: clerk,
    data: { decision: 'edit', draftReply: 'Dear Anna, the refund is on its way.' },
  });
  await handle.result();
}

export const ticketScenarios = [
  {
    file: 'ticket-triage-reviewed.json',
    async run(client: Client, taskQueue: string): Promise<string> {
      // The replay test replays under the file name as workflow id; the review task's id derives from it.
      const workflowId = 'ticket-triage-reviewed.json';
      await client.workflow.start(ticketTriage, {
        taskQueue,
        workflowId,
        args: [{ ticket, llmTaskQueue: taskQueue }],
      });
      await reviewAndEdit(client, workflowId);
      return workflowId;
    },
  },
  {
    file: 'ticket-triage-sealed-reviewed.json',
    async run(client: Client, taskQueue: string, dir: string): Promise<string> {
      // Intake seals the ticket in the vault: the run gets its reference, and the review's context stays redacted.
      const workflowId = 'ticket-triage-sealed-reviewed.json';
      const ticketRef = await ticketVault(dir).seal(ticket);
      await client.workflow.start(ticketTriage, {
        taskQueue,
        workflowId,
        args: [{ ticketRef, ticketId: ticket.ticketId, llmTaskQueue: taskQueue }],
      });
      await reviewAndEdit(client, workflowId);
      return workflowId;
    },
  },
];
