/**
 * Recorded scenarios of vendor data-entry batches against the real portal and real Chromium: two chunks, one
 * vendor already present, one the portal rejects; and rejected rows worked as exception tasks (corrected and
 * entered, refused again, dismissed). The bots run on a queue of their own inside each scenario.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { validateRecords } from '../../client/data-entry/read-records';
import { testVendors, withBadChecksum } from '../../test/fixtures/vendors';
import type { Actor } from '../../schemas/engine/human-task';
import type { VendorRecord } from '../../schemas/data-entry/vendor-record';
import {
  chunkWorkflowId,
  dataEntryBatch,
  dataEntryExceptions,
  exceptionsWorkflowId,
  exceptionTaskKey,
  type ExceptionTaskSettings,
} from '../../workflows/data-entry';
import { taskWorkflowId } from '../../workflows/engine/human-task/request';
import { completeTask } from './complete-task';
import { withBots } from './with-bots';

// The replay test replays under the file name as workflow id; chunk ids derive from it.
const batchFile = 'data-entry-batch-with-rejection.json';

async function recordBatch(client: Client, taskQueue: string): Promise<string> {
  return withBots(client, taskQueue, async (portal, botsQueue) => {
    const [a, b, c, present] = testVendors('REPLAY', 4);
    await fetch(`${portal.url}/admin/vendors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portal-admin-token': portal.adminToken ?? '' },
      body: JSON.stringify({ vendors: [present] }),
    });
    const { valid, invalid } = validateRecords([
      a,
      b,
      { ...c!, iban: withBadChecksum(c!.iban) },
      present,
      { ...a, vatId: '' },
    ]);
    await client.workflow.execute(dataEntryBatch, {
      taskQueue,
      workflowId: batchFile,
      args: [
        {
          batchId: 'replay',
          source: 'replay.json',
          records: valid,
          invalid,
          parallelism: 2,
          chunkSize: 2,
          chunkConcurrency: 2,
          botsTaskQueue: botsQueue,
        },
      ],
    });
    return batchFile;
  });
}

const clerk: Actor = { username: 'clerk', roles: ['clerk'] };
const exceptionTasks: ExceptionTaskSettings = { role: 'clerk', dueIn: '1 day', expireAfter: '1 day' };

/** Completes a task as the clerk once its workflow exists. */
const decide = (client: Client, taskId: string, data: unknown) => completeTask(client, taskId, clerk, data);

const exceptionsBatchFile = 'data-entry-batch-with-exception-tasks.json';

async function recordExceptionsBatch(client: Client, taskQueue: string): Promise<string> {
  return withBots(client, taskQueue, async (_portal, botsQueue) => {
    const [a, b, c] = testVendors('XTASK', 3);
    const { valid, invalid } = validateRecords([
      a,
      { ...b!, iban: withBadChecksum(b!.iban) },
      { ...c!, iban: withBadChecksum(c!.iban) },
    ]);
    const handle: WorkflowHandle<typeof dataEntryBatch> = await client.workflow.start(dataEntryBatch, {
      taskQueue,
      workflowId: exceptionsBatchFile,
      args: [
        {
          batchId: 'replay-exceptions',
          source: 'replay.json',
          records: valid,
          invalid,
          parallelism: 2,
          chunkSize: 2,
          chunkConcurrency: 2,
          botsTaskQueue: botsQueue,
          exceptionTasks,
        },
      ],
    });
    const taskOf = (chunk: number, row: number) =>
      taskWorkflowId(exceptionsWorkflowId(chunkWorkflowId(exceptionsBatchFile, chunk)), exceptionTaskKey(row, 1));
    await decide(client, taskOf(1, 2), { decision: 'retry', record: { iban: b!.iban } });
    await decide(client, taskOf(2, 3), { decision: 'dismiss', comment: 'vendor withdrew' });
    await handle.result();
    return exceptionsBatchFile;
  });
}

const exceptionsFile = 'data-entry-exceptions-refused-again.json';

/** The exception child alone, under the file name (task ids derive from it): refused again, then entered; and dismissed. */
async function recordExceptions(client: Client, taskQueue: string): Promise<string> {
  return withBots(client, taskQueue, async (_portal, botsQueue) => {
    const [a, b] = testVendors('XREPLAY', 2);
    const rejected = (row: number, record: VendorRecord) => ({
      row,
      record: { ...record, iban: withBadChecksum(record.iban) },
      reason: 'iban: the check digits do not match',
      fieldErrors: [{ field: 'iban', message: 'the check digits do not match' }],
    });
    const handle = await client.workflow.start(dataEntryExceptions, {
      taskQueue,
      workflowId: exceptionsFile,
      args: [
        {
          batchId: 'replay-exceptions',
          batchWorkflowId: 'data-entry:replay-exceptions',
          source: 'replay.json',
          chunk: 1,
          rows: [rejected(1, a!), rejected(2, b!)],
          botsTaskQueue: botsQueue,
          tasks: exceptionTasks,
        },
      ],
    });
    await decide(client, taskWorkflowId(exceptionsFile, exceptionTaskKey(1, 1)), {
      decision: 'retry',
      record: { iban: withBadChecksum(withBadChecksum(a!.iban)) },
    });
    await decide(client, taskWorkflowId(exceptionsFile, exceptionTaskKey(2, 1)), {
      decision: 'dismiss',
      comment: 'duplicate vendor',
    });
    await decide(client, taskWorkflowId(exceptionsFile, exceptionTaskKey(1, 2)), {
      decision: 'retry',
      record: { iban: a!.iban },
    });
    await handle.result();
    return exceptionsFile;
  });
}

export const dataEntryScenarios = [
  { file: batchFile, run: recordBatch },
  {
    // The second chunk holds the rejected record and the one already present.
    file: 'data-entry-chunk-with-rejection.json',
    async run(): Promise<string> {
      return chunkWorkflowId(batchFile, 2);
    },
  },
  { file: exceptionsBatchFile, run: recordExceptionsBatch },
  { file: exceptionsFile, run: recordExceptions },
];
