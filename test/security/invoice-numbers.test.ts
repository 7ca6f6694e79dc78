import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceBusinessKey } from '../../schemas/invoices/invoice';
import { invoiceDocument } from '../fixtures/invoices';
import { callApi, login, startAttendedStack, type AttendedStack } from '../helpers/attended';
import { connectTestTemporal, terminateRuns, type TestTemporal } from '../helpers/temporal';

interface Outcome {
  outcome: string;
  label?: string;
  workflowId?: string;
  errors?: Array<{ path: string; message: string }>;
}

/**
 * Item 9: invoice numbers that look the same but are spelled with invisible or look-alike characters must not
 * start a second run (and so a second payment); numbers that are different must not collide.
 */
describe('invoice numbers are plain and normalised before the workflow id is built', () => {
  let temporal: TestTemporal;
  let stack: AttendedStack;
  let token: string;
  const started: string[] = [];
  beforeAll(async () => {
    temporal = await connectTestTemporal();
    stack = await startAttendedStack(temporal);
    ({ token } = await login(stack.url, 'clerk'));
  }, 120_000);
  afterAll(async () => {
    // Nothing processes these invoices here (no bots): the runs are ended by the test.
    await terminateRuns(temporal.client, started);
    await stack?.stop();
    await temporal?.close();
  });

  const submit = async (invoiceNumber: string) => {
    const res = await callApi<{ outcomes: Outcome[] }>(
      stack.url,
      'POST',
      '/api/invoices',
      invoiceDocument({ vendorId: 'V-0001', invoiceNumber }),
      token,
    );
    const outcome = res.body.outcomes[0] as Outcome;
    if (outcome.outcome === 'started' && outcome.workflowId) started.push(outcome.workflowId);
    return { status: res.status, outcome };
  };
  const runs = async (workflowId: string) =>
    temporal.client.workflow
      .getHandle(workflowId)
      .describe()
      .then(
        () => 1,
        (err: unknown) => {
          if (err instanceof WorkflowNotFoundError) return 0;
          throw err;
        },
      );

  it('item 9: a plain number keeps its old workflow id, and case variants are the same invoice', async () => {
    const number = `INV-${randomUUID().slice(0, 8).toUpperCase()}`;
    const first = await submit(number);
    expect(first).toMatchObject({
      status: 201,
      outcome: { outcome: 'started', workflowId: `invoice:V-0001:${number}` },
    });
    const lower = await submit(` ${number.toLowerCase()} `);
    expect(lower.outcome).toMatchObject({ outcome: 'duplicate', workflowId: `invoice:V-0001:${number}` });
  });

  it('item 9: full-width digits and letters are normalised to the same id, not a second run', async () => {
    const number = `INV-${randomUUID()
      .slice(0, 6)
      .toUpperCase()
      .replace(/[^0-9A-F]/g, '0')}`;
    await submit(number);
    // Full-width forms (U+FF01…U+FF5E) of every character of the number.
    const fullWidth = [...number].map((ch) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0)).join('');
    expect(fullWidth).not.toBe(number);
    const again = await submit(fullWidth);
    expect(again.outcome).toMatchObject({ outcome: 'duplicate', workflowId: `invoice:V-0001:${number}` });
  });

  it.each([
    ['a zero-width space', (n: string) => `${n.slice(0, 4)}\u200b${n.slice(4)}`, /invisible character \(U\+200B\)/],
    ['a zero-width joiner', (n: string) => `${n}\u200d`, /invisible character \(U\+200D\)/],
    [
      'a byte-order mark inside',
      (n: string) => `${n.slice(0, 3)}\ufeff${n.slice(3)}`,
      /invisible character \(U\+FEFF\)/,
    ],
    ['a right-to-left override', (n: string) => `\u202e${n}`, /invisible character \(U\+202E\)/],
    ['a Cyrillic look-alike letter', (n: string) => n.replace('I', '\u0406'), /"І" \(U\+0406\).*look-alike/],
    ['a Greek look-alike letter', (n: string) => n.replace('N', '\u039d'), /"Ν" \(U\+039D\)/],
  ])('item 9: a number with %s is refused by field and starts nothing', async (_what, spell, reason) => {
    const number = `INV-${randomUUID().slice(0, 8).toUpperCase()}`;
    const first = await submit(number);
    expect(first.outcome.outcome).toBe('started');
    const attack = spell(number);
    const refused = await submit(attack);
    expect(refused.status).toBe(422);
    expect(refused.outcome.outcome).toBe('invalid');
    expect(refused.outcome.errors).toEqual([{ path: 'invoiceNumber', message: expect.stringMatching(reason) }]);
    // The report shows hidden characters instead of passing them on to whoever reads it.
    expect(refused.outcome.label).not.toMatch(/\u200b|\u200d|\ufeff|\u202e/);
    // Nothing started under the spelled id, and the first invoice is still the only run of its number.
    expect(await runs(`invoice:V-0001:${attack.trim().toUpperCase()}`)).toBe(0);
    expect(await runs(`invoice:V-0001:${number}`)).toBe(1);
  });

  it('item 9: "straße" is refused with a clear message instead of colliding with "STRASSE"', async () => {
    const tag = randomUUID().slice(0, 6).toUpperCase();
    const strasse = await submit(`INV-${tag}-STRASSE`);
    expect(strasse.outcome).toMatchObject({ outcome: 'started', workflowId: `invoice:V-0001:INV-${tag}-STRASSE` });
    const eszett = await submit(`INV-${tag}-straße`);
    expect(eszett.status).toBe(422);
    expect(eszett.outcome.errors).toEqual([
      { path: 'invoiceNumber', message: expect.stringContaining('contains "ß" (U+00DF)') },
    ]);
    // The refused number was not taken for the other one: STRASSE is still one run, straße none.
    expect(await runs(`invoice:V-0001:INV-${tag}-STRASSE`)).toBe(1);
    expect(await runs(`invoice:V-0001:INV-${tag}-straße`)).toBe(0);
  });

  it('item 9: a number too long, or only punctuation, is refused', async () => {
    expect((await submit('A'.repeat(65))).outcome.errors).toEqual([
      { path: 'invoiceNumber', message: 'must be at most 64 characters' },
    ]);
    expect((await submit('-INV-1')).outcome.errors).toEqual([
      { path: 'invoiceNumber', message: 'must start with a letter or a digit' },
    ]);
  });

  it('item 9: the business key normalises the same way wherever it is built', () => {
    expect(invoiceBusinessKey({ vendorId: 'V-0001', invoiceNumber: 'ｉｎｖ－１' })).toBe('invoice:V-0001:INV-1');
    expect(invoiceBusinessKey({ vendorId: 'V-0001', invoiceNumber: ' inv-1 ' })).toBe('invoice:V-0001:INV-1');
  });
});
