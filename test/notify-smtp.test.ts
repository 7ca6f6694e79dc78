import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInvoiceActivities } from '../activities/invoices';
import {
  createNotifyActivities,
  notifierFromConfig,
  type InvoiceNotification,
  type TaskNotification,
} from '../activities/engine/notify';
import { loadConfig } from '../platform/config';
import { startSmtpInbox, type SmtpInbox } from './helpers/smtp-inbox';
import { allRoles } from '../processes/installed';

let inbox: SmtpInbox;
let dir: string;
let activities: ReturnType<typeof createNotifyActivities> & ReturnType<typeof createInvoiceActivities>;
// Errors only: the log lines of every notification and expected failure would drown the test output.
const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });

beforeAll(async () => {
  inbox = await startSmtpInbox();
  dir = await mkdtemp(join(tmpdir(), 'notify-smtp-'));
  const config = loadConfig({
    SMTP_URL: inbox.url,
    SMTP_FROM: 'BPO engine <bpo@example.com>',
    USERS_FILE: join(__dirname, 'fixtures/notify-users.yaml'),
    API_PUBLIC_URL: 'https://inbox.example.com/',
  });
  // Task and invoice notifications share one notifier, as in the main worker.
  const notifier = notifierFromConfig(config, allRoles());
  activities = {
    ...createNotifyActivities({ notifier }),
    ...createInvoiceActivities({ paymentsDir: join(dir, 'payments'), notifier }),
  };
});
afterAll(async () => {
  await inbox?.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  inbox.mails.length = 0;
  inbox.clearRejections();
});

const escalation: TaskNotification = {
  kind: 'escalation',
  taskId: 'invoice:V-0001:INV-7:task:approval',
  title: 'Approve INV-7 from V-0001 (1,190.00 EUR)',
  process: 'invoice',
  dueAt: '2026-03-09T10:00:00.000Z',
  to: { users: [], roles: ['approver'] },
};

const rejection: InvoiceNotification = {
  kind: 'invoice-rejected',
  businessKey: 'invoice:V-0009:INV-42',
  to: 'clerk',
  vendorId: 'V-0009',
  invoiceNumber: 'INV-42',
  reason: 'vendor V-0009 does not exist in the portal',
};

/** Runs an activity the way a worker does (with its context) and returns the failure it throws. */
async function failureOf(run: () => Promise<unknown>): Promise<ApplicationFailure> {
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

describe('notifications by mail (real SMTP server)', () => {
  it('mails a task escalation to every user holding the role, with the due date and a link to the task', async () => {
    const delivery = await env.run(activities.notify, escalation);
    expect(delivery).toEqual({ delivered: 'smtp', to: ['alva@example.com', 'arne@example.com'] });
    expect(inbox.mails).toHaveLength(1);
    const [mail] = inbox.mails;
    expect(mail?.from).toBe('bpo@example.com');
    expect(mail?.to.sort()).toEqual(['alva@example.com', 'arne@example.com']);
    expect(mail?.subject).toBe('Escalated to you: "Approve INV-7 from V-0001 (1,190.00 EUR)" is overdue');
    expect(mail?.text).toContain('Due:      2026-03-09 10:00 UTC');
    expect(mail?.text).toContain('Reason:   the due date passed');
    expect(mail?.text).toContain(`https://inbox.example.com/#/task/${encodeURIComponent(escalation.taskId)}`);
  });

  it('mails the submitter of a rejected invoice, with the reason', async () => {
    const delivery = await env.run(activities.notifyInvoiceSubmitter, rejection);
    expect(delivery).toEqual({ delivered: 'smtp', to: ['clara@example.com'] });
    const [mail] = inbox.mails;
    expect(mail?.to).toEqual(['clara@example.com']);
    expect(mail?.subject).toBe('Invoice INV-42 from V-0009 was rejected');
    expect(mail?.text).toContain('Reason:   vendor V-0009 does not exist in the portal');
    expect(mail?.text).toContain('https://inbox.example.com/#/run/invoice%3AV-0009%3AINV-42');
  });

  it('takes a plain address as the submitter, and keeps business text out of the headers', async () => {
    await env.run(activities.notifyInvoiceSubmitter, {
      ...rejection,
      to: 'ap-team@vendor.example',
      invoiceNumber: 'INV-43\r\nBcc: x@evil.example',
    });
    const [mail] = inbox.mails;
    expect(mail?.to).toEqual(['ap-team@vendor.example']);
    expect(mail?.subject).toBe('Invoice INV-43 Bcc: x@evil.example from V-0009 was rejected');
  });

  it('mails the users it has addresses for and fails, not retryable, when it has none', async () => {
    const mixed = await env.run(activities.notify, {
      ...escalation,
      kind: 'reminder' as const,
      to: { users: ['approver', 'manager'], roles: [] },
    });
    expect(mixed).toEqual({ delivered: 'smtp', to: ['arne@example.com'] });
    expect(inbox.mails[0]?.subject).toBe(
      'Reminder: "Approve INV-7 from V-0001 (1,190.00 EUR)" is due 2026-03-09 10:00 UTC',
    );

    const failure = await failureOf(() =>
      env.run(activities.notify, { ...escalation, to: { users: ['manager'], roles: [] } }),
    );
    expect(failure).toMatchObject({ type: 'NotifyNoAddress', nonRetryable: true });
    expect(failure.message).toContain('user manager has no email');
  });

  it('a 550 rejection is permanent: a non-retryable failure naming the reply', async () => {
    inbox.rejectRecipient('clara@example.com', 550, 'No such user here');
    const failure = await failureOf(() => env.run(activities.notifyInvoiceSubmitter, rejection));
    expect(failure).toMatchObject({ type: 'SmtpRejected', nonRetryable: true });
    expect(failure.message).toContain('550');
    expect(inbox.mails).toHaveLength(0);
  });

  it('a 4xx reply and a dropped connection are retryable', async () => {
    inbox.rejectRecipient('clara@example.com', 451, 'Try again later');
    const deferred = await failureOf(() => env.run(activities.notifyInvoiceSubmitter, rejection));
    expect(deferred).toMatchObject({ type: 'SmtpUnavailable', nonRetryable: false });
    inbox.clearRejections();
    inbox.dropConnections(1);
    const dropped = await failureOf(() => env.run(activities.notifyInvoiceSubmitter, rejection));
    expect(dropped).toMatchObject({ type: 'SmtpUnavailable', nonRetryable: false });
    // The next attempt gets through.
    await env.run(activities.notifyInvoiceSubmitter, rejection);
    expect(inbox.mails).toHaveLength(1);
  });
});
