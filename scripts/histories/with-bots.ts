import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { BrowserPool } from '../../activities/engine/browser/browser-pool';
import { createPortalActivities } from '../../activities/data-entry';
import { startPortal } from '../../demo/portal/server';
import { neutralArtifacts } from './neutral-artifacts';

/** A portal and a bots worker (real Chromium) on `${taskQueue}-bots` for the length of one scenario. */
export async function withBots<T>(
  client: Client,
  taskQueue: string,
  run: (portal: { url: string; adminToken: string | null }, botsQueue: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'record-bots-'));
  const portal = await startPortal({ port: 0, dataDir: join(dir, 'portal') });
  const pool = new BrowserPool({
    maxConcurrentPages: 2,
    recycleAfterPages: 100,
    memoryLimitBytes: 2 ** 31,
    actionTimeoutMs: 20_000,
    trace: true,
  });
  const connection = await NativeConnection.connect({ address: (client.connection as Connection).options.address });
  try {
    const botsQueue = `${taskQueue}-bots`;
    const bots = await Worker.create({
      connection,
      namespace: client.options.namespace,
      taskQueue: botsQueue,
      // The recording client's converter: the bots read the payloads its workflows encrypted.
      dataConverter: client.options.dataConverter,
      activities: createPortalActivities({
        pool,
        portalUrl: portal.url,
        credentials: { username: 'bot', password: 'bot-pass' },
        artifacts: neutralArtifacts(join(dir, 'artifacts')),
      }),
    });
    return await bots.runUntil(run(portal, botsQueue));
  } finally {
    await connection.close();
    await pool.close();
    await portal.close();
    await rm(dir, { recursive: true, force: true });
  }
}
