/**
 * Issue item 4: the payroll snapshot (every employee's IBAN) was downloadable by any inbox user at a predictable
 * `/api/artifacts/payroll-<runId>/snapshot.json`. Now the real payroll check saves it under an unguessable name,
 * for its own case, readable only by the payroll process's roles, admins and auditors.
 */
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer } from '../../client/api/server';
import { artifactsDir } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { payrollCheck } from '../../workflows/payroll/payroll-check';
import { generatePayroll } from '../fixtures/payroll-generator';
import { login, type ApiSession } from '../helpers/attended';
import { startPayrollStack, type PayrollStack } from '../helpers/payroll-stack';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let temporal: TestTemporal;
let stack: PayrollStack;
let api: Awaited<ReturnType<typeof startApiServer>>;
// Fixed run ids (PR-2026-11 against PR-2026-10): nothing here reads today's date.
const payroll = generatePayroll(20, 1);
const workflowId = `payroll-check:${payroll.header.runId}:${randomUUID()}`;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  stack = await startPayrollStack(temporal, payroll, 'read-visibility-payroll', {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    USERS_FILE: join(__dirname, '../../config/users.yaml'),
  });
  const logger = createLogger({ LOG_LEVEL: 'warn', LOG_FORMAT: 'json' }, 'read-visibility-payroll-test');
  api = await startApiServer({
    config: stack.config,
    client: temporal.client,
    store: stack.taskStore,
    logger,
    port: 0,
    taskQueue: stack.taskQueue,
  });
  await temporal.client.workflow.start(payrollCheck, {
    taskQueue: stack.taskQueue,
    workflowId,
    args: [{ runId: payroll.header.runId }],
  });
}, 120_000);

afterAll(async () => {
  await temporal?.client.workflow
    .getHandle(workflowId)
    .terminate('test done')
    .catch(() => undefined);
  await api?.close();
  await stack?.stop();
  await temporal?.close();
});

/** The snapshot's group as the check saved it: the run id, then a random part. */
async function snapshotGroup(): Promise<string> {
  const prefix = `payroll-${payroll.header.runId}-`;
  let group: string | undefined;
  await expect
    .poll(async () => {
      const groups = await readdir(artifactsDir(stack.config)).catch(() => [] as string[]);
      group = groups.find((g) => g.startsWith(prefix) && !g.includes('-report-'));
      return group;
    })
    .toBeDefined();
  return group as string;
}

const get = (session: ApiSession, path: string) =>
  fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${session.token}` } }).then(async (r) => ({
    status: r.status,
    text: await r.text(),
  }));

describe('item 4: the payroll snapshot', () => {
  it('item 4: is refused to a clerk, an approver and a manager who is not payroll, and served to a payroll user', async () => {
    const [clerk, approver, manager, payrollUser, hr, admin] = await Promise.all(
      ['clerk', 'approver', 'manager', 'payroll', 'hr', 'admin'].map((u) => login(api.url, u)),
    );
    const group = await snapshotGroup();
    // Unguessable: the run id is followed by a whole random UUID.
    expect(group).toMatch(/^payroll-PR-2026-11-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const path = `/api/artifacts/${group}/snapshot.json`;
    const iban = payroll.current[0]?.bankIban as string;

    for (const [name, session] of [
      ['clerk', clerk],
      ['approver', approver],
      ['manager', manager],
    ] as const) {
      const refused = await get(session as ApiSession, path);
      expect(refused.status, name).toBe(404);
      expect(refused.text, name).not.toContain(iban);
    }
    for (const [name, session] of [
      ['payroll', payrollUser],
      ['hr', hr],
      ['admin', admin],
    ] as const) {
      const served = await get(session as ApiSession, path);
      expect(served.status, name).toBe(200);
      expect(served.text, name).toContain(iban);
    }
  });

  it('item 4: the old predictable path serves nothing, not even to a payroll user', async () => {
    const payrollUser = await login(api.url, 'payroll');
    await snapshotGroup();
    const old = await get(payrollUser, `/api/artifacts/payroll-${payroll.header.runId}/snapshot.json`);
    expect(old.status).toBe(404);
    expect(old.text).not.toContain(payroll.current[0]?.bankIban as string);
  });
});
