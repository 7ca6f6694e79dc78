import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDropFolderActivities } from '../../activities/data-entry/drop-folder';
import { createNotifyActivities } from '../../activities/engine/notify';
import { createTaskStoreActivities } from '../../activities/engine/tasks';
import { batchProgress, type BatchProgressView } from '../../client/data-entry/batch-progress';
import { validateRecords } from '../../client/data-entry/read-records';
import { startDataEntry } from '../../client/data-entry/start-data-entry';
import { dataEntryBatch, type WaitingTask } from '../../workflows/data-entry';
import { dropFolderDataEntry } from '../../workflows/data-entry/drop-folder-data-entry';
import { testVendors, withBadChecksum } from '../fixtures/vendors';
import {
  eventually,
  login,
  startAttendedStack,
  taskPath,
  type ApiSession,
  type AttendedStack,
} from '../helpers/attended';
import { startBotsStack, type BotsStack, type TestPortal } from '../helpers/bots';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let temporal: TestTemporal;
let target: TestPortal;
let bots: BotsStack;
let stack: AttendedStack;
let clerk: ApiSession;
let botsQueue: string;
let mainQueue: string;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  // The API and the task store of the attended stack; the workflows here run on a queue with the drop folder and
  // the notifications (logged) too, as on the main worker.
  stack = await startAttendedStack(temporal);
  clerk = await login(stack.url, 'clerk');
  bots = await startBotsStack(temporal, {
    name: 'exceptions',
    activities: {
      ...createTaskStoreActivities({ store: stack.store }),
      ...createNotifyActivities({}),
      ...createDropFolderActivities(),
    },
  });
  ({ target, mainQueue, botsQueue } = bots);
});

afterAll(async () => {
  await bots?.stop();
  await stack?.stop();
  await temporal?.close();
});

/** Starts a batch of these rows on the test's queues; its exception tasks are due, and expire, after `sla`. */
function startBatch(source: string, rows: unknown[], options: { chunkSize: number; parallelism: number; sla: string }) {
  const file = { source, contentHash: `${source}-${Date.now()}`, ...validateRecords(rows) };
  const { chunkSize, parallelism, sla } = options;
  return startDataEntry(temporal.client, file, {
    mainTaskQueue: mainQueue,
    botsTaskQueue: botsQueue,
    chunkSize,
    parallelism,
    exceptionTasks: { role: 'clerk', dueIn: sla, expireAfter: sla },
  });
}

/** Waits until the batch's progress lists an open exception task for `row` at `attempt`. */
async function waitingTask(
  workflowId: string,
  row: number,
  attempt: number,
): Promise<{ task: WaitingTask; progress: BatchProgressView }> {
  return eventually(
    async () => {
      const progress = await batchProgress(temporal.client, workflowId).catch(() => undefined);
      const task = progress?.waitingTasks.find((t) => t.row === row && t.attempt === attempt);
      return task && progress ? { task, progress } : undefined;
    },
    `an exception task for row ${row}, attempt ${attempt}`,
    180_000,
  );
}

describe('rows the portal rejects become exception tasks', () => {
  it('a corrected row is entered exactly once (after a second refusal), a dismissed one is left out, and the report says who did what', async () => {
    const [good, fixable, unwanted] = testVendors('EXCEPT', 3);
    const rows = [
      good!,
      { ...fixable!, iban: withBadChecksum(fixable!.iban) },
      { ...unwanted!, iban: withBadChecksum(unwanted!.iban) },
    ];
    const batch = await startBatch('exceptions.json', rows, { chunkSize: 2, parallelism: 2, sla: '1 day' });

    // Row 2 was rejected in chunk 1, row 3 in chunk 2: each is a task in the inbox, and the progress says so.
    const first = await waitingTask(batch.workflowId, 2, 1);
    const { progress } = await waitingTask(batch.workflowId, 3, 1);
    expect(progress).toMatchObject({
      status: 'waiting-for-people',
      done: 3,
      entered: 1,
      rejected: 2,
      waitingForPeople: 2,
    });
    expect(progress.waitingTasks.map((t) => [t.row, t.role])).toEqual([
      [2, 'clerk'],
      [3, 'clerk'],
    ]);

    const stored = await eventually(() => stack.store.getTask(first.task.taskId), 'the task in the store');
    expect(stored).toMatchObject({
      type: 'data-entry-exception',
      form: 'vendor-exception',
      status: 'open',
      candidateRoles: ['clerk'],
      context: {
        row: 2,
        attempt: 1,
        record: { vatId: fixable!.vatId, iban: rows[1]!.iban },
        fieldErrors: [{ field: 'iban', message: expect.stringContaining('check digits do not match') }],
      },
    });
    expect(stored.dueAt).not.toBeNull();
    expect(stored.evidence.map((e) => e.kind).sort()).toEqual(['document', 'html', 'screenshot', 'trace']);
    expect(stored.evidence.every((e) => e.url.startsWith('file://'))).toBe(true);
    // The inbox sees the same task with its form.
    const detail = await clerk.call('GET', taskPath(first.task.taskId));
    expect(detail.status).toBe(200);
    expect(detail.body.form.jsonSchema.properties.record.properties).toHaveProperty('iban');

    // A correction is checked by the vendor-record schema before the task takes it.
    const bad = await clerk.call('POST', `${taskPath(first.task.taskId)}/complete`, {
      data: { decision: 'retry', record: { iban: 'not an iban', email: 'nope' } },
    });
    expect(bad).toMatchObject({ status: 422, body: { error: { code: 'form_invalid' } } });
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['record.email', 'record.iban']);

    // A correction the portal still refuses comes back as a new task, with the new refusal.
    const stillWrong = withBadChecksum(rows[1]!.iban);
    expect(
      (
        await clerk.call('POST', `${taskPath(first.task.taskId)}/complete`, {
          data: { decision: 'retry', record: { iban: stillWrong } },
        })
      ).status,
    ).toBe(200);
    const second = await waitingTask(batch.workflowId, 2, 2);
    const secondStored = await eventually(
      () => stack.store.getTask(second.task.taskId),
      'the second task in the store',
    );
    expect(secondStored.context).toMatchObject({
      attempt: 2,
      record: { iban: stillWrong },
      previousTasks: [first.task.taskId],
    });
    expect(
      (
        await clerk.call('POST', `${taskPath(second.task.taskId)}/complete`, {
          data: { decision: 'retry', record: { iban: fixable!.iban }, comment: 'IBAN from the vendor letter' },
        })
      ).status,
    ).toBe(200);

    // Dismissing needs a reason.
    const dismissTask = progress.waitingTasks.find((t) => t.row === 3)!.taskId;
    const noReason = await clerk.call('POST', `${taskPath(dismissTask)}/complete`, { data: { decision: 'dismiss' } });
    expect(noReason.body.error.fields).toEqual([{ path: 'comment', message: 'is required when dismissing' }]);
    expect(
      (
        await clerk.call('POST', `${taskPath(dismissTask)}/complete`, {
          data: { decision: 'dismiss', comment: 'vendor withdrew' },
        })
      ).status,
    ).toBe(200);

    const report = await batch.handle.result();
    expect(report.counts).toMatchObject({ entered: 1, rejected: 2, failed: 0 });
    expect(report.exceptions).toEqual([
      {
        row: 2,
        vatId: fixable!.vatId,
        resolution: 'entered',
        vendorId: expect.any(String),
        by: 'clerk',
        comment: 'IBAN from the vendor letter',
        tasks: [
          {
            taskId: first.task.taskId,
            attempt: 1,
            rejection: expect.stringContaining('iban'),
            decision: 'retry',
            by: 'clerk',
          },
          {
            taskId: second.task.taskId,
            attempt: 2,
            rejection: expect.stringContaining('iban'),
            decision: 'retry',
            by: 'clerk',
          },
        ],
      },
      {
        row: 3,
        vatId: unwanted!.vatId,
        resolution: 'dismissed',
        by: 'clerk',
        comment: 'vendor withdrew',
        tasks: [
          {
            taskId: dismissTask,
            attempt: 1,
            rejection: expect.stringContaining('iban'),
            decision: 'dismiss',
            by: 'clerk',
          },
        ],
      },
    ]);
    expect(report.needsReview).toEqual([]);

    // Exactly once in the portal, with the corrected IBAN; the dismissed vendor never.
    const counts = await target.vendorCounts([good!.vatId, fixable!.vatId, unwanted!.vatId]);
    expect([...counts.values()]).toEqual([1, 1, 0]);
    const { vendors } = await target.admin<{ vendors: Array<{ vatId: string; iban: string }> }>(
      'GET',
      '/admin/vendors',
    );
    expect(vendors.find((v) => v.vatId === fixable!.vatId)?.iban.replace(/\s/g, '')).toBe(fixable!.iban);
    expect(await batchProgress(temporal.client, batch.workflowId)).toMatchObject({
      status: 'completed',
      waitingForPeople: 0,
      waitingTasks: [],
    });
    expect((await stack.store.getTask(dismissTask))?.status).toBe('completed');
  }, 400_000);

  it('a row whose exception task nobody decides in time ends under needs review, and the portal never gets it', async () => {
    const [vendor] = testVendors('EXPIRE', 1);
    const row = { ...vendor!, iban: withBadChecksum(vendor!.iban) };
    const batch = await startBatch('expire.json', [row], { chunkSize: 10, parallelism: 1, sla: '1 second' });

    const report = await batch.handle.result();
    expect(report.counts).toMatchObject({ entered: 0, rejected: 1 });
    expect(report.exceptions).toEqual([
      expect.objectContaining({
        row: 1,
        vatId: row.vatId,
        resolution: 'expired',
        tasks: [expect.objectContaining({ attempt: 1, decision: 'expired' })],
      }),
    ]);
    expect(report.needsReview).toEqual([
      expect.objectContaining({
        row: 1,
        vatId: row.vatId,
        reason: expect.stringContaining('nobody decided on the exception task in time'),
      }),
    ]);
    const taskId = report.exceptions![0]!.tasks[0]!.taskId;
    expect(
      await eventually(
        async () => (await stack.store.getTask(taskId))?.status === 'expired',
        'the task expired in the store',
      ),
    ).toBe(true);
    expect((await target.vendorCounts([row.vatId])).get(row.vatId)).toBe(0);
  }, 180_000);

  it('the nightly drop folder finishes a file when its bots are done, while its exception task waits in the inbox', async () => {
    const folder = join(target.dir, 'drop-exceptions');
    await mkdir(folder, { recursive: true });
    const [good, rejected] = testVendors('DROPEX', 2);
    await writeFile(
      join(folder, 'vendors.json'),
      JSON.stringify([good, { ...rejected!, iban: withBadChecksum(rejected!.iban) }]),
    );

    const outcomes = await temporal.client.workflow.execute(dropFolderDataEntry, {
      taskQueue: mainQueue,
      workflowId: `drop-exceptions-${Date.now()}`,
      args: [
        {
          folder,
          botsTaskQueue: botsQueue,
          parallelism: 2,
          exceptionTasks: { role: 'clerk', dueIn: '1 day', expireAfter: '1 day' },
        },
      ],
    });
    expect(outcomes).toEqual([
      expect.objectContaining({
        source: 'vendors.json',
        outcome: 'entered',
        counts: expect.objectContaining({ entered: 1, rejected: 1 }),
        waitingForPeople: 1,
      }),
    ]);
    expect(JSON.parse(await readFile(join(folder, 'done', 'vendors.json.report.json'), 'utf8'))).toMatchObject({
      waitingForPeople: 1,
    });

    // The batch lives on after the nightly run: the task is worked, and the batch ends with its report.
    const batchId = outcomes[0]!.batchWorkflowId!;
    const { task } = await waitingTask(batchId, 2, 1);
    expect(
      (
        await clerk.call('POST', `${taskPath(task.taskId)}/complete`, {
          data: { decision: 'dismiss', comment: 'not our vendor' },
        })
      ).status,
    ).toBe(200);
    const report = await temporal.client.workflow.getHandle<typeof dataEntryBatch>(batchId).result();
    expect(report.exceptions).toEqual([
      expect.objectContaining({ row: 2, resolution: 'dismissed', by: 'clerk', comment: 'not our vendor' }),
    ]);
  }, 400_000);
});
