import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseText } from '../../activities/engine/pii';
import { taskQueue, type Config } from '../../platform/config';
import { payloadCodec } from '../../platform/data-converter';
import type { TaskStore } from '../../platform/task-store/task-store';
import type { TaskState } from '../../schemas/engine/human-task';
import { taskWorkflowId } from '../../workflows/engine/human-task/request';
import { startFakeOpenAi, type FakeOpenAi } from '../fixtures/fake-openai-server';
import { startStandaloneTask } from '../helpers/standalone-task';
import { startTicketApiStack, type TicketApiStack } from '../helpers/ticket-api-stack';
import { until } from '../helpers/ticket-stack';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

/**
 * Issue 17, item 5: the raw ticket is not the workflow's input, restored summaries and replies are not in clear
 * in task inputs or the task store (the API restores them for users who may see the task), and a manager who is
 * not a reviewer gets a masked IBAN.
 */
const planted = {
  iban: 'DE89 3704 0044 0532 0130 00',
  email: 'jana.dvorak@example.cz',
  phone: '+420 601 123 456',
  card: '4111 1111 1111 1111',
  name: 'Jana Dvořák',
};
const plantedSpellings = Object.values(planted).flatMap((v) => [v, normaliseText(v).replace(/[\s()+-]/g, '')]);

let temporal: TestTemporal;
let fake: FakeOpenAi;
let stack: TicketApiStack;
let dir: string;
let config: Config;
let store: TaskStore;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  fake = await startFakeOpenAi();
  // Unsure answers go to a person: the review task is what this suite reads.
  fake.defaults = { confidence: 0.4 };
  stack = await startTicketApiStack(temporal, 'sec-pii-at-rest', ['clerk', 'approver', 'manager'], fake);
  ({ dir, config, store } = stack);
});

afterAll(async () => {
  await stack?.stop();
  await fake?.close();
  await temporal?.close();
});

async function call(user: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${stack.tokens[user]}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * Every payload of a workflow's history as text, decrypted with the deployment's codec: personal data must be
 * absent from what the payloads hold, not merely hidden by the encryption.
 */
async function historyText(workflowId: string): Promise<string> {
  const history = await temporal.client.workflow.getHandle(workflowId).fetchHistory();
  const parts: string[] = [];
  const payloads: Payload[] = [];
  const walk = (node: unknown): void => {
    if (node instanceof Uint8Array) parts.push(Buffer.from(node).toString('utf8'));
    else if (typeof node === 'string') parts.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if ('metadata' in node && 'data' in node) payloads.push(node as Payload);
      Object.values(node).forEach(walk);
    }
  };
  walk(history);
  for (const payload of await payloadCodec({}).decode(payloads))
    if (payload.data) parts.push(Buffer.from(payload.data).toString('utf8'));
  return parts.join('\n');
}

const expectNoPlantedPii = (text: string, where: string) => {
  for (const value of plantedSpellings) expect(text, `${value} in ${where}`).not.toContain(value);
};

let ticketWorkflowId: string;
let reviewTaskId: string;

describe('item 5: a ticket rests sealed', () => {
  beforeAll(async () => {
    const ticket = {
      ticketId: `SEC-REST-${randomUUID().slice(0, 8)}`,
      channel: 'email',
      subject: `Refund to ${planted.iban}`,
      customer: { name: planted.name, email: planted.email },
      messages: [
        {
          from: `${planted.name} <${planted.email}>`,
          body: `I was charged twice for ORD-1001 on card ${planted.card}. Refund to ${planted.iban}, call ${planted.phone}.\n\nRegards,\n${planted.name}`,
        },
      ],
    };
    const submitted = await call('clerk', 'POST', '/api/tickets', ticket);
    expect(submitted.status, submitted.text).toBe(201);
    ticketWorkflowId = (JSON.parse(submitted.text) as { workflowId: string }).workflowId;
    reviewTaskId = taskWorkflowId(ticketWorkflowId, 'review');
    await until(() => store.getTask(reviewTaskId).then((t) => t?.status === 'open'), 'the review task', 60_000);
  });

  it('item 5: the ticket workflow input and history hold a vault reference, never the raw ticket', async () => {
    const history = await historyText(ticketWorkflowId);
    expect(history).toMatch(/"ticketRef":"pii-[0-9a-f]{24}"/);
    expect(history).toContain('ORD-1001');
    expectNoPlantedPii(history, 'the ticket history');
  });

  it('item 5: the review task holds no restored text in its input, history or task store row', async () => {
    expectNoPlantedPii(await historyText(reviewTaskId), 'the review task history');
    const row = (await store.getTask(reviewTaskId))!;
    expect(row.context).toMatchObject({ sealedPii: { vaultRef: expect.stringMatching(/^pii-/) } });
    expect(String(row.context.proposedSummary)).toContain('[IBAN_1]');
    expectNoPlantedPii(JSON.stringify(row), 'the task store row');
    expectNoPlantedPii((await call('clerk', 'GET', `/api/tickets/${ticketWorkflowId}`)).text, 'the ticket status');
  });

  it('item 5: the vault holds the raw ticket and the mapping encrypted only', async () => {
    const vaultDir = join(dir, 'pii-vault');
    const files = (await readdir(vaultDir)).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) expectNoPlantedPii(await readFile(join(vaultDir, file), 'utf8'), file);
  });

  it('item 5: the API restores the text for a candidate of the task', async () => {
    const before = (await store.getTask(reviewTaskId))!.version;
    const { status, text } = await call('clerk', 'GET', `/api/tasks/${encodeURIComponent(reviewTaskId)}`);
    expect(status).toBe(200);
    const task = JSON.parse(text) as { context: Record<string, unknown>; title: string };
    expect(task.context.proposedSummary).toContain(planted.iban);
    expect(task.context.subject).toBe(`Refund to ${planted.iban}`);
    expect(task.context).not.toHaveProperty('sealedPii');
    expect((await store.getTask(reviewTaskId))!.version).toBe(before);
  });

  it('item 5: a user who may not see the task never gets the restored text', async () => {
    const before = (await store.getTask(reviewTaskId))!.version;
    const { status, text } = await call('approver', 'GET', `/api/tasks/${encodeURIComponent(reviewTaskId)}`);
    // The approver is no candidate of a ticket review: the task is hidden, as if it did not exist.
    expect(status).toBe(404);
    expectNoPlantedPii(text, "an outsider's view");
    expect((await store.getTask(reviewTaskId))!.version).toBe(before);
  });

  it('item 5: a manager who sees but does not decide the ticket review gets the text with the IBAN masked', async () => {
    const { status, text } = await call('manager', 'GET', `/api/tasks/${encodeURIComponent(reviewTaskId)}`);
    expect(status).toBe(200);
    const task = JSON.parse(text) as { context: Record<string, unknown> };
    expect(task.context.proposedSummary).toContain('DE89 **** **** 3000');
    expect(text).not.toContain(planted.iban);
    expect(text).not.toContain('DE89370400440532013000');
  });
  it('item 5: what the agent writes with the real values in view is filed redacted', async () => {
    expect((await call('clerk', 'POST', `/api/tasks/${encodeURIComponent(reviewTaskId)}/claim`)).status).toBe(200);
    const done = await call('clerk', 'POST', `/api/tasks/${encodeURIComponent(reviewTaskId)}/complete`, {
      data: { decision: 'edit', draftReply: `Dear ${planted.name}, we refund to ${planted.iban} today.` },
    });
    expect(done.status, done.text).toBe(200);
    const result = await temporal.client.workflow.getHandle(ticketWorkflowId).result();
    expect(result.triage.draftReply).toMatch(/^Dear \[NAME_\d+\], we refund to \[IBAN_1\] today\.$/);
    expectNoPlantedPii(JSON.stringify(result), 'the filed ticket');
    const filed = await readdir(join(dir, 'filed'));
    for (const file of filed) expectNoPlantedPii(await readFile(join(dir, 'filed', file), 'utf8'), file);
  });
});

describe('item 5: a manager who is not a reviewer reads the IBAN', () => {
  let taskId: string;
  const bankAccount = { onInvoice: 'DE89-3704-0044-0532-0130-00', inVendorMaster: 'GB82 WEST 1234 5698 7654 32' };

  beforeAll(async () => {
    // The invoice bank review's context, as invoice-checks.ts builds it, decided by approvers.
    const handle = await startStandaloneTask(temporal.client, taskQueue(config, 'main'), 'invoice', {
      key: 'bank-review',
      type: 'invoice-bank-review',
      candidates: { roles: ['approver'] },
      context: { businessKey: 'invoice:V-1:INV-1', vendor: { id: 'V-1', name: 'Acme' }, bankAccount },
    });
    taskId = handle.workflowId;
    await until(() => store.getTask(taskId).then((t) => t?.status === 'open'), 'the bank review task', 60_000);
  });

  it('item 3/5: the deciding approver reads both IBANs in clear', async () => {
    const { status, text } = await call('approver', 'GET', `/api/tasks/${encodeURIComponent(taskId)}`);
    expect(status).toBe(200);
    expect((JSON.parse(text) as TaskState).context).toMatchObject({ bankAccount });
  });

  it('item 3/5: a manager (supervisor, not a candidate) gets them masked, and the task is unchanged', async () => {
    const before = (await store.getTask(taskId))!.version;
    const { status, text } = await call('manager', 'GET', `/api/tasks/${encodeURIComponent(taskId)}`);
    expect(status).toBe(200);
    expect((JSON.parse(text) as TaskState).context).toMatchObject({
      bankAccount: { onInvoice: 'DE89 **** **** 3000', inVendorMaster: 'GB82 **** **** 5432' },
    });
    for (const leak of ['3704', '0532', 'WEST 1234', 'WEST1234']) expect(text).not.toContain(leak);
    expect((await store.getTask(taskId))!.version).toBe(before);
  });
});
