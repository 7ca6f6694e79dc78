/**
 * Vendor onboarding against real parts: the demo portal driven by the bots worker in Chromium, the llm worker
 * against the local chat-completions server, the main worker and the API. Launched through the API as the inbox
 * does it; approved, rejected and refused through the task API.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendorOnboarding } from '../../workflows/vendor-onboarding/vendor-onboarding';
import { taskPath } from '../helpers/attended';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';
import { modelAnswer, startOnboardingStack, type OnboardingStack } from './stack';

let temporal: TestTemporal;
let stack: OnboardingStack;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  stack = await startOnboardingStack(temporal);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await temporal?.close();
});

/** A supplier and the body of its bank's letter, which confirms exactly what the form says. */
function supplier(name: string, vatId: string, iban: string, letterIban = iban) {
  return {
    name,
    vatId,
    iban,
    email: `ap@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`,
    address: 'Hauptstrasse 1, 10115 Berlin',
    supportingText: `Dear customer, we confirm that ${name} (VAT ID ${vatId}) holds the account ${letterIban} with our bank. Kind regards, Musterbank AG`,
  };
}

const decide = async (username: string, taskId: string, data: Record<string, unknown>) => {
  const api = await stack.login(username);
  const claimed = await api.call('POST', `${taskPath(taskId)}/claim`);
  if (claimed.status !== 200) return claimed;
  return api.call('POST', `${taskPath(taskId)}/complete`, { data });
};

describe('vendor onboarding', () => {
  it(
    'creates an approved vendor once, with its page as evidence, and tells the requester through the run',
    { timeout: 180_000 },
    async () => {
      const input = supplier('Nordlicht Papier GmbH', 'DE129273398', 'DE89370400440532013000');
      stack.fake.script(modelAnswer({ matches: true, confirmed: ['name', 'vatId', 'iban'], confidence: 0.95 }));
      // A requester named in the form is dropped: the requester is the signed-in user.
      const workflowId = await stack.launch('clerk', { ...input, requestedBy: 'manager' });
      const taskId = await stack.approvalTaskId(workflowId);

      const manager = await stack.login('manager');
      const task = (await manager.call('GET', taskPath(taskId))).body;
      expect(task.excludedUsers).toEqual(['clerk']);
      expect(task.candidateRoles).toEqual(['manager']);
      expect(task.context.warning).toBeUndefined();
      expect(task.context.documentCheck).toMatch(/confirms the name, VAT id and IBAN/);
      expect(task.context.requestedBy).toBe('clerk');

      // The model saw the form and the letter in one message, the account redacted to the same placeholder.
      const sent = stack.fake.requests.at(-1);
      expect(sent?.body.response_format.json_schema.name).toBe('vendor-document-check');
      expect(sent?.raw).not.toContain('DE89370400440532013000');
      expect(sent?.body.messages[1].content.match(/\[IBAN_1\]/g)).toHaveLength(2);

      expect((await decide('manager', taskId, { decision: 'approve', comment: 'Letter checked' })).status).toBe(200);
      const run = await stack.finishedRun('clerk', workflowId);
      expect(run.status).toBe('COMPLETED');
      expect(run.result).toMatchObject({
        outcome: 'created',
        requestedBy: 'clerk',
        approvedBy: 'manager',
        documentCheck: { confirmed: true, source: 'llm' },
      });
      const vendorId = run.result.vendorId as string;
      expect(vendorId).toMatch(/^V-\d+$/);
      expect(run.result.message).toContain(vendorId);
      const evidence = run.result.evidence as { files: Array<{ name: string; uri: string; bytes: number }> };
      const screenshot = evidence.files.find((f) => f.name.endsWith('.png'));
      expect(screenshot?.bytes).toBeGreaterThan(0);
      expect(existsSync(fileURLToPath(screenshot?.uri ?? ''))).toBe(true);

      expect((await stack.target.vendorCounts([input.vatId])).get(input.vatId)).toBe(1);
      const { vendors } = await stack.target.admin<{ vendors: Array<{ id: string; vatId: string; iban: string }> }>(
        'GET',
        '/admin/vendors',
      );
      expect(vendors.find((v) => v.id === vendorId)).toMatchObject({ vatId: input.vatId, iban: input.iban });
    },
  );

  it(
    'ends as a duplicate, naming the vendor, when the portal holds the VAT id or the IBAN',
    { timeout: 120_000 },
    async () => {
      await stack.target.admin('POST', '/admin/vendors', {
        vendors: [{ name: 'Existing Bank Holder', vatId: 'DE136695976', iban: 'GB29NWBK60161331926819' }],
      });
      const { vendors } = await stack.target.admin<{ vendors: Array<{ id: string; vatId: string }> }>(
        'GET',
        '/admin/vendors',
      );
      const existing = vendors.find((v) => v.vatId === 'DE136695976')?.id;
      const before = stack.fake.requests.length;

      const sameIban = await stack.launch(
        'clerk',
        supplier('Other Name Ltd', 'DE115235681', 'GB29 NWBK 6016 1331 9268 19'),
      );
      const sameVat = await stack.launch('clerk', supplier('Existing Again', 'DE 136 695 976', 'NL91ABNA0417164300'));
      const byIban = await stack.finishedRun('clerk', sameIban);
      const byVat = await stack.finishedRun('clerk', sameVat);
      expect(byIban.result).toMatchObject({
        outcome: 'duplicate',
        requestedBy: 'clerk',
        duplicateOf: { vendorId: existing, name: 'Existing Bank Holder', matchedOn: 'iban' },
      });
      expect(byIban.result.message).toContain(`the IBAN already belongs to ${existing} (Existing Bank Holder)`);
      expect(byVat.result).toMatchObject({
        outcome: 'duplicate',
        duplicateOf: { vendorId: existing, matchedOn: 'vatId' },
      });
      // Nothing more was asked of the model or of a person, and nothing was created.
      expect(stack.fake.requests.length).toBe(before);
      expect(await stack.store.getTask(`${sameIban}:task:approval`)).toBeUndefined();
      expect((await stack.target.vendorCounts(['DE115235681'])).get('DE115235681')).toBe(0);
    },
  );

  it(
    'shows the approver a mismatch the model found, as a warning, and a rejection ends the case',
    { timeout: 120_000 },
    async () => {
      const input = supplier(
        'Ostsee Logistik GmbH',
        'DE811907980',
        'FR1420041010050500013M02606',
        'ES9121000418450200051332',
      );
      stack.fake.script(
        modelAnswer({
          matches: false,
          confirmed: ['name', 'vatId'],
          mismatches: [{ field: 'iban', problem: 'the letter confirms [IBAN_2], not the account on the form' }],
          confidence: 0.92,
        }),
      );
      const workflowId = await stack.launch('clerk', input);
      const taskId = await stack.approvalTaskId(workflowId);
      const task = (await (await stack.login('manager')).call('GET', taskPath(taskId))).body;
      expect(task.title).toMatch(/check the warning/);
      expect(task.priority).toBe(2);
      expect(task.context.warning).toMatch(/does not confirm the form: IBAN: the letter confirms \[IBAN_2\]/);

      const rejected = await decide('manager', taskId, {
        decision: 'reject',
        comment: 'Bank letter names another account',
      });
      expect(rejected.status).toBe(200);
      const run = await stack.finishedRun('clerk', workflowId);
      expect(run.result).toMatchObject({
        outcome: 'rejected',
        rejectedBy: 'manager',
        comment: 'Bank letter names another account',
        documentCheck: { confirmed: false, answer: { matches: false } },
      });
      expect((await stack.target.vendorCounts([input.vatId])).get(input.vatId)).toBe(0);
    },
  );

  it(
    'never lets the requester approve their own vendor; a low-confidence check is a warning too',
    { timeout: 180_000 },
    async () => {
      const input = supplier('Alpen Werkzeug AG', 'DE260543043', 'AT611904300234573201');
      stack.fake.script(modelAnswer({ matches: true, confirmed: ['name', 'vatId', 'iban'], confidence: 0.55 }));
      const workflowId = await stack.launch('manager', input);
      const taskId = await stack.approvalTaskId(workflowId);
      const manager = await stack.login('manager');
      const task = (await manager.call('GET', taskPath(taskId))).body;
      expect(task.context.warning).toMatch(/not reliable \(low confidence \(0.55 < 0.8\)\)/);

      const own = await decide('manager', taskId, { decision: 'approve' });
      expect(own.status).toBe(403);
      expect(JSON.stringify(own.body)).toMatch(/four-eyes/);

      // An admin may act, but holds no deciding role: the sign-off is an override on the record, not the approval.
      const override = await decide('admin', taskId, { decision: 'approve', comment: 'Called the bank' });
      expect(override.status).toBe(200);
      expect(override.body).toMatchObject({ status: 'open' });

      expect((await decide('manager2', taskId, { decision: 'approve', comment: 'Called the bank' })).status).toBe(200);
      const run = await stack.finishedRun('manager', workflowId);
      expect(run.result).toMatchObject({ outcome: 'created', requestedBy: 'manager', approvedBy: 'manager2' });
    },
  );

  it('launches only from a valid form and for the roles that may start it', { timeout: 30_000 }, async () => {
    const processes = (await (await stack.login('clerk')).call('GET', '/api/processes')).body as Array<{
      name: string;
      form: { jsonSchema: { properties: Record<string, { title?: string }> } };
    }>;
    const launcher = processes.find((p) => p.name === 'vendor-onboarding');
    expect(launcher?.form.jsonSchema.properties.vatId?.title).toBe('VAT ID');
    expect(Object.keys(launcher?.form.jsonSchema.properties ?? {})).not.toContain('requestedBy');

    const bad = await (
      await stack.login('clerk')
    ).call('POST', '/api/processes/vendor-onboarding/start', {
      input: { ...supplier('Bad Iban GmbH', 'DE999999999', 'DE00370400440532013000'), email: 'not-an-address' },
    });
    expect(bad.status).toBe(422);
    const fields = (bad.body.error.fields as Array<{ path: string }>).map((f) => f.path);
    expect(fields).toEqual(expect.arrayContaining(['iban', 'email']));

    const approver = await stack.login('approver');
    const refused = await approver.call('POST', '/api/processes/vendor-onboarding/start', {
      input: supplier('Not Yours GmbH', 'DE999999999', 'DE89370400440532013000'),
    });
    expect(refused.status).toBe(403);
  });
});

/**
 * `RECORD_VENDOR_ONBOARDING_HISTORY=1` records the happy path for the replay test: the replay names each run after
 * its file, so the run is started with that id (as the launcher would start it), approved, and saved with paths
 * relative to the repository.
 */
describe.runIf(process.env.RECORD_VENDOR_ONBOARDING_HISTORY)('vendor onboarding history', () => {
  it('records an approved, created vendor', { timeout: 180_000 }, async () => {
    const file = 'vendor-onboarding-created.json';
    const queue = (name: 'main' | 'bots' | 'llm') => `${stack.config.TEMPORAL_TASK_QUEUE_PREFIX}${name}`;
    stack.fake.script(modelAnswer({ matches: true, confirmed: ['name', 'vatId', 'iban'], confidence: 0.95 }));
    const handle = await temporal.client.workflow.start(vendorOnboarding, {
      taskQueue: queue('main'),
      workflowId: file,
      args: [
        {
          ...supplier('Replay Papier GmbH', 'DE147258369', 'BE68539007547034'),
          requestedBy: 'clerk',
          botsTaskQueue: queue('bots'),
          llmTaskQueue: queue('llm'),
        },
      ],
    });
    const taskId = await stack.approvalTaskId(file);
    expect((await decide('manager', taskId, { decision: 'approve' })).status).toBe(200);
    expect(await handle.result()).toMatchObject({ outcome: 'created' });
    const repoRoot = resolve(__dirname, '../..');
    const history = await handle.fetchHistory();
    await writeFile(join(repoRoot, 'test/histories', file), historyToJSON(history).split(repoRoot).join(''));
  });
});
