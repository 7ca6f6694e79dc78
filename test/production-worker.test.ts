import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { invoiceResult, submitInvoice } from '../client/invoices/submit-invoice';
import { loadConfig } from '../platform/config';
import { dataConverter } from '../platform/data-converter';
import { createMainWorker } from '../workers/main-worker';
import { sampleInvoice } from './fixtures/invoices';
import { safeProductionEnv } from './helpers/production-env';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

let temporal: TestTemporal;
let dataDir: string;
let productionEnv: Record<string, string>;
beforeAll(async () => {
  temporal = await connectTestTemporal();
  dataDir = await mkdtemp(join(tmpdir(), 'prod-worker-'));
  productionEnv = await safeProductionEnv(dataDir);
});
afterAll(async () => {
  await temporal.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the main worker in production mode', () => {
  it('runs workflows from the prebuilt bundle', async () => {
    const config = loadConfig({
      ...productionEnv,
      WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
      DATA_DIR: dataDir,
      TEMPORAL_NAMESPACE: temporal.namespace,
    });
    // Production refuses the published development key: the client shares the worker's own key.
    const client = new Client({
      connection: temporal.client.connection,
      namespace: temporal.namespace,
      dataConverter: dataConverter(config),
    });
    const queue = temporal.newTaskQueue('prod');
    const worker = await createMainWorker(temporal.nativeConnection, config, queue);
    await worker.runUntil(async () => {
      const started = await submitInvoice(client, queue, sampleInvoice());
      expect((await invoiceResult(client, started.workflowId)).status).toBe('registered');
    });
    // Loading the prebuilt bundle and a first workflow task take most of a minute on a busy 2-core machine.
  }, 180_000);

  it('refuses to start without a bundle and says how to build one', async () => {
    const config = loadConfig({
      ...productionEnv,
      WORKFLOW_BUNDLE_PATH: join(dataDir, 'missing.js'),
      DATA_DIR: dataDir,
      TEMPORAL_NAMESPACE: temporal.namespace,
    });
    await expect(createMainWorker(temporal.nativeConnection, config, 'unused')).rejects.toThrow(
      /run `npm run build` first/,
    );
  });
});
