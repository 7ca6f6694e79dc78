/**
 * Recorded scenario of the nightly drop folder against the real portal and real Chromium: a file entered by the
 * bots with one row the portal refuses (left to an exception task, so the night goes on without waiting for
 * people), the same file again (a duplicate), and a file with no records.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import type { Client } from '@temporalio/client';
import { createDropFolderActivities } from '../../activities/data-entry/drop-folder';
import { testVendors, withBadChecksum } from '../../test/fixtures/vendors';
import type { VendorRecord } from '../../schemas/data-entry/vendor-record';
import { chunkWorkflowId, exceptionsWorkflowId, exceptionTaskKey } from '../../workflows/data-entry';
import { dropFolderDataEntry, type DropFileOutcome } from '../../workflows/data-entry/drop-folder-data-entry';
import { taskWorkflowId } from '../../workflows/engine/human-task/request';
import { completeTask } from './complete-task';
import { withBots } from './with-bots';

/**
 * The engine's drop-folder activities, with folders and files named relative to the system's temporary folder:
 * the history holds a folder's name, not a local path.
 */
export function dropFolderActivities() {
  const drop = createDropFolderActivities();
  const local = (path: string) => join(tmpdir(), path);
  const named = (path: string) => relative(tmpdir(), path);
  return {
    async claimDropFiles(input: { folder: string }) {
      const files = await drop.claimDropFiles({ folder: local(input.folder) });
      return files.map((f) => ({ ...f, path: named(f.path) }));
    },
    async claimDropFileRefs(input: Parameters<typeof drop.claimDropFileRefs>[0]) {
      const refs = await drop.claimDropFileRefs({ ...input, folder: local(input.folder) });
      return refs.map((r) => ({ ...r, path: named(r.path) }));
    },
    async readDropFilePart(input: Parameters<typeof drop.readDropFilePart>[0]) {
      return drop.readDropFilePart({ ...input, path: local(input.path) });
    },
    async finishDropFile(input: Parameters<typeof drop.finishDropFile>[0]) {
      return named(await drop.finishDropFile({ ...input, folder: local(input.folder), path: local(input.path) }));
    },
  };
}

const csvOf = (vendors: VendorRecord[]) =>
  [
    'name,vatId,iban,email,address',
    ...vendors.map((v) => [v.name, v.vatId, v.iban, v.email, `"${v.address}"`].join(',')),
  ].join('\n');

const clerk = { username: 'clerk', roles: ['clerk'] };

// The replay test replays under the file name as workflow id.
const file = 'drop-folder-entered-duplicate-unreadable.json';

async function recordDropFolder(client: Client, taskQueue: string): Promise<string> {
  return withBots(client, taskQueue, async (_portal, botsQueue) => {
    const dir = await mkdtemp(join(tmpdir(), 'record-drop-'));
    try {
      const folder = join(basename(dir), 'data-entry');
      await mkdir(join(dir, 'data-entry'));
      const [a, b] = testVendors('DROP', 2);
      const csv = csvOf([a!, { ...b!, iban: withBadChecksum(b!.iban) }]);
      await writeFile(join(dir, 'data-entry', 'a-vendors.csv'), csv);
      await writeFile(join(dir, 'data-entry', 'b-same-vendors-again.csv'), csv);
      await writeFile(join(dir, 'data-entry', 'c-empty.json'), '[]');

      const outcomes = await client.workflow.execute(dropFolderDataEntry, {
        taskQueue,
        workflowId: file,
        args: [
          {
            folder,
            botsTaskQueue: botsQueue,
            parallelism: 2,
            exceptionTasks: { role: 'clerk', dueIn: '1 day', expireAfter: '1 day' },
          },
        ],
      });
      const seen = outcomes.map((o) => `${o.outcome}${o.waitingForPeople ? `+${o.waitingForPeople}` : ''}`).join(' ');
      if (seen !== 'entered+1 duplicate unreadable') throw new Error(`the drop folder ended ${seen}`);

      // The batch outlives the night's run, waiting for its exception task: dismissed, so nothing is left running.
      const batch = (outcomes[0] as DropFileOutcome).batchWorkflowId as string;
      await completeTask(
        client,
        taskWorkflowId(exceptionsWorkflowId(chunkWorkflowId(batch, 1)), exceptionTaskKey(2, 1)),
        clerk,
        { decision: 'dismiss', comment: 'vendor withdrew' },
      );
      await client.workflow.getHandle(batch).result();
      return file;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

// Files as references: a file read in parts (each a batch), a file over the size limit, an unreadable one.
const byReference = 'drop-folder-by-reference-parts-refused.json';

async function recordDropFolderByReference(client: Client, taskQueue: string): Promise<string> {
  return withBots(client, taskQueue, async (_portal, botsQueue) => {
    const dir = await mkdtemp(join(tmpdir(), 'record-drop-refs-'));
    try {
      const folder = join(basename(dir), 'data-entry');
      await mkdir(join(dir, 'data-entry'));
      const [a, b] = testVendors('DREF', 2);
      // Two vendors and a row without an e-mail: three rows, read two at a time, so two parts.
      await writeFile(
        join(dir, 'data-entry', 'a-parts.csv'),
        csvOf([a!, b!, { ...b!, vatId: 'ZZDREF99', email: 'none' }]),
      );
      await writeFile(join(dir, 'data-entry', 'b-too-big.csv'), csvOf(testVendors('DBIG', 12)));
      await writeFile(join(dir, 'data-entry', 'c-empty.json'), '[]');

      const outcomes = await client.workflow.execute(dropFolderDataEntry, {
        taskQueue,
        workflowId: byReference,
        args: [{ folder, botsTaskQueue: botsQueue, parallelism: 2, rowsPerPart: 2, maxFileBytes: 1_000 }],
      });
      const seen = outcomes.map((o) => `${o.outcome}${o.parts ? `/${o.parts}` : ''}`).join(' ');
      if (seen !== 'entered/2 refused unreadable') throw new Error(`the drop folder ended ${seen}`);
      return byReference;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

export const dropFolderScenarios = [
  { file, run: recordDropFolder },
  { file: byReference, run: recordDropFolderByReference },
];
