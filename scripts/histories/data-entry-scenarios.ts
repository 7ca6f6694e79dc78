/**
 * Recorded scenario of a vendor data-entry batch against the real portal and real Chromium: two chunks, one
 * vendor already present, one the portal rejects. The bots run on a queue of their own inside the scenario.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createFolderArtifactStore } from '../../activities/artifacts/artifact-store';
import { BrowserPool } from '../../activities/browser/browser-pool';
import { createPortalActivities } from '../../activities/portal';
import { validateRecords } from '../../client/data-entry/read-records';
import { startPortal } from '../../portal/server';
import { testVendors, withBadChecksum } from '../../test/fixtures/vendors';
import { chunkWorkflowId, dataEntryBatch } from '../../workflows/data-entry';

// The replay test replays under the file name as workflow id; chunk ids derive from it.
const batchFile = 'data-entry-batch-with-rejection.json';

async function recordBatch(client: Client, taskQueue: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'record-data-entry-'));
  const portal = await startPortal({ port: 0, dataDir: join(dir, 'portal') });
  const pool = new BrowserPool({ maxConcurrentPages: 2, recycleAfterPages: 100, memoryLimitBytes: 2 ** 31, actionTimeoutMs: 20_000, trace: true });
  const connection = await NativeConnection.connect({ address: (client.connection as Connection).options.address });
  try {
    const [a, b, c, present] = testVendors('REPLAY', 4);
    await fetch(`${portal.url}/admin/vendors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portal-admin-token': portal.adminToken },
      body: JSON.stringify({ vendors: [present] }),
    });
    const { valid, invalid } = validateRecords([a, b, { ...c!, iban: withBadChecksum(c!.iban) }, present, { ...a, vatId: '' }]);
    const botsQueue = `${taskQueue}-bots`;
    const bots = await Worker.create({
      connection,
      namespace: client.options.namespace,
      taskQueue: botsQueue,
      activities: createPortalActivities({
        pool,
        portalUrl: portal.url,
        credentials: { username: 'bot', password: 'bot-pass' },
        artifacts: createFolderArtifactStore(join(dir, 'artifacts')),
      }),
    });
    await bots.runUntil(
      client.workflow.execute(dataEntryBatch, {
        taskQueue,
        workflowId: batchFile,
        args: [{ batchId: 'replay', source: 'replay.json', records: valid, invalid, parallelism: 2, chunkSize: 2, chunkConcurrency: 2, botsTaskQueue: botsQueue }],
      }),
    );
    return batchFile;
  } finally {
    await connection.close();
    await pool.close();
    await portal.close();
    await rm(dir, { recursive: true, force: true });
  }
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
];
