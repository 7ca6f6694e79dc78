import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTicketApiStack, type TicketApiStack } from './helpers/ticket-api-stack';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

let temporal: TestTemporal;
let stack: TicketApiStack;
let token: string;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  // No API key: the offline summariser serves, as on a fresh machine.
  stack = await startTicketApiStack(temporal, 'api-tickets', ['clerk']);
  token = stack.tokens.clerk!;
});

afterAll(async () => {
  await stack?.stop();
  await temporal?.close();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  auth = true,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('tickets over the HTTP API', () => {
  it('refuses a caller who is not logged in', async () => {
    expect((await call('POST', '/api/tickets', {}, false)).status).toBe(401);
  });

  it('names the bad fields and starts nothing', async () => {
    const { status, json } = await call('POST', '/api/tickets', { ticketId: 'T 1', subject: '', messages: [] });
    expect(status).toBe(422);
    const fields = (json.error as { fields: { path: string }[] }).fields.map((f) => f.path);
    expect(fields).toEqual(expect.arrayContaining(['ticketId', 'subject', 'messages']));
  });

  it('starts triage once, reports a resubmission as a conflict, and shows the ticket in review', async () => {
    const ticket = {
      ticketId: `T-API-${Date.now()}`,
      subject: 'Charged twice',
      messages: [{ from: 'anna@example.de', body: 'I was charged twice for my order. Please refund.' }],
    };
    const first = await call('POST', '/api/tickets', ticket);
    expect(first).toEqual({ status: 201, json: { workflowId: `ticket:${ticket.ticketId}` } });
    const again = await call('POST', '/api/tickets', ticket);
    expect(again.status).toBe(409);
    expect((again.json.error as { message: string }).message).toContain('submitted before');

    // Offline summaries always go to a person.
    await expect
      .poll(async () => (await call('GET', `/api/tickets/ticket:${ticket.ticketId}`)).json.status, { timeout: 30_000 })
      .toBe('in-review');
    const refreshed = await call('POST', `/api/tickets/ticket:${ticket.ticketId}/refresh-summary`);
    expect(refreshed.status).toBe(200);
    expect(refreshed.json).toMatchObject({ businessKey: `ticket:${ticket.ticketId}` });
  });

  it('answers 404 for an unknown ticket', async () => {
    expect((await call('GET', '/api/tickets/ticket:NOPE-1')).status).toBe(404);
  });
});
