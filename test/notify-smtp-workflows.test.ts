import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { decodeOptionalFailureToOptionalError } from '@temporalio/common/lib/internal-non-workflow';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceProcessingResult, startInvoiceProcessing } from '../client/invoices/start-invoice-processing';
import { loadConfig } from '../platform/config';
import { openTaskStore, type TaskStore } from '../platform/task-store/open-task-store';
import type { Candidates } from '../schemas/engine/human-task';
import { inMemoryInvoiceBots } from '../scripts/histories/in-memory-invoice-bots';
import { mainActivities } from '../workers/main-worker';
import { invoiceOf, matchingLines, testPolicy } from './fixtures/invoice-master-data';
import { eventually } from './helpers/attended';
import { startSmtpInbox, type SmtpInbox } from './helpers/smtp-inbox';
import { startStandaloneTask } from './helpers/standalone-task';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

let temporal: TestTemporal;
let inbox: SmtpInbox;
let dir: string;
let taskStore: TaskStore;
let worker: Worker;
let running: Promise<void>;
let taskQueue: string;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  inbox = await startSmtpInbox();
  dir = await mkdtemp(join(tmpdir(), 'notify-smtp-wf-'));
  const config = loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    SMTP_URL: inbox.url,
    SMTP_FROM: 'bpo@example.com',
    USERS_FILE: join(__dirname, 'fixtures/notify-users.yaml'),
    API_PUBLIC_URL: 'http://127.0.0.1:3000',
  });
  taskStore = await openTaskStore(config);
  taskQueue = temporal.newTaskQueue('notify-smtp');
  // The main worker's activities as configured (mail), and bots that know no vendor: every invoice is rejected.
  worker = await temporal.createWorker({
    taskQueue,
    activities: { ...mainActivities(config, { taskStore }), ...inMemoryInvoiceBots([]) },
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await taskStore?.close();
  await inbox?.close();
  await temporal?.close();
  await rm(dir, { recursive: true, force: true });
});

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

/** The events of the workflow's `notify` activity: when it started (which attempt) and how it ended. */
async function notifyEvents(
  handle: WorkflowHandle,
): Promise<{ started?: HistoryEvent; failed?: HistoryEvent; completed?: HistoryEvent }> {
  const events = (await handle.fetchHistory()).events ?? [];
  const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'notify');
  if (!scheduled) return {};
  const id = Number(scheduled.eventId);
  return {
    started: events.find((e) => Number(e.activityTaskStartedEventAttributes?.scheduledEventId) === id),
    failed: events.find((e) => Number(e.activityTaskFailedEventAttributes?.scheduledEventId) === id),
    completed: events.find((e) => Number(e.activityTaskCompletedEventAttributes?.scheduledEventId) === id),
  };
}

const startTask = (escalateTo: Partial<Candidates>) =>
  startStandaloneTask(temporal.client, taskQueue, 'notify-smtp', {
    title: 'Check the bank details',
    candidates: { roles: ['clerk'] },
    sla: { dueIn: '1s', escalateTo },
  });

describe('mail notifications through workflows (real Temporal, real SMTP server)', () => {
  it('a rejected invoice mails its submitter', async () => {
    const invoice = invoiceOf(matchingLines, { vendorId: 'V-0404' });
    const started = await startInvoiceProcessing(
      temporal.client,
      { taskQueue, botsTaskQueue: taskQueue, policy: testPolicy },
      invoice,
      'test',
    );
    expect(started.outcome).toBe('started');
    expect(await invoiceProcessingResult(temporal.client, started.workflowId)).toMatchObject({ status: 'rejected' });
    const mail = await eventually(
      async () => inbox.mails.find((m) => m.subject.includes(invoice.invoiceNumber)),
      'the rejection mail',
    );
    expect(mail.to).toEqual(['clara@example.com']);
    expect(mail.subject).toBe(`Invoice ${invoice.invoiceNumber} from V-0404 was rejected`);
    expect(mail.text).toContain('Reason:   vendor V-0404 does not exist in the portal');
    expect(mail.text).toContain(`http://127.0.0.1:3000/#/run/${encodeURIComponent(started.workflowId)}`);
  });

  it('an escalation the mail server refuses with 550 is not retried, and the task goes on', async () => {
    inbox.rejectRecipient('alva@example.com', 550, 'Mailbox unavailable');
    const handle = await startTask({ roles: ['admin'] });
    const { started, failed } = await eventually(async () => {
      const events = await notifyEvents(handle);
      return events.failed ? events : undefined;
    }, 'the failed notify activity');
    expect(started?.activityTaskStartedEventAttributes?.attempt).toBe(1);
    expect(failed?.activityTaskFailedEventAttributes?.failure?.applicationFailureInfo).toMatchObject({
      type: 'SmtpRejected',
      nonRetryable: true,
    });
    // The message rests encrypted in the history; the engine's converter reads it back.
    const error = await decodeOptionalFailureToOptionalError(
      temporal.client.options.loadedDataConverter,
      failed?.activityTaskFailedEventAttributes?.failure,
    );
    expect(error?.message).toContain('550');
    const row = await eventually(async () => {
      const task = await taskStore.getTask(handle.workflowId);
      return task?.escalated ? task : undefined;
    }, 'the escalated task');
    expect(row).toMatchObject({ status: 'open', candidateRoles: ['admin'] });
    expect(inbox.mails.filter((m) => m.subject.includes('Check the bank details'))).toHaveLength(0);
    await handle.terminate('test done');
  });

  it('an escalation whose connection drops is retried and delivered', async () => {
    inbox.dropConnections(1);
    const handle = await startTask({ users: ['approver'] });
    const mail = await eventually(
      async () => inbox.mails.find((m) => m.subject === 'Escalated to you: "Check the bank details" is overdue'),
      'the escalation mail',
    );
    expect(mail.to).toEqual(['arne@example.com']);
    expect(mail.text).toContain(`http://127.0.0.1:3000/#/task/${encodeURIComponent(handle.workflowId)}`);
    const { started, completed } = await eventually(async () => {
      const events = await notifyEvents(handle);
      return events.completed ? events : undefined;
    }, 'the completed notify activity');
    // The first attempt met the dropped connection; Temporal retried it.
    expect(started?.activityTaskStartedEventAttributes?.attempt).toBe(2);
    expect(started?.activityTaskStartedEventAttributes?.lastFailure?.applicationFailureInfo?.type).toBe(
      'SmtpUnavailable',
    );
    expect(completed).toBeDefined();
    await handle.terminate('test done');
  });
});
