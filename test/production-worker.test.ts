import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { invoiceResult, submitInvoice } from '../client/invoices/submit-invoice';
import { loadConfig } from '../platform/config';
import { createMainWorker } from '../workers/main-worker';
import { sampleInvoice } from './fixtures/invoices';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

// Production refuses the published development key: workers get their own verifying key.
const productionVerifyKeys = `prod:${randomBytes(32).toString('base64')}`;

let temporal: TestTemporal;
let dataDir: string;
beforeAll(async () => {
  temporal = await connectTestTemporal();
  dataDir = await mkdtemp(join(tmpdir(), 'prod-worker-'));
});
afterAll(async () => {
  await temporal.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the main worker in production mode', () => {
  it('runs workflows from the prebuilt bundle', async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      ACTOR_VERIFY_KEYS: productionVerifyKeys,
      WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
      DATA_DIR: dataDir,
      TEMPORAL_NAMESPACE: temporal.namespace,
    });
    const queue = temporal.newTaskQueue('prod');
    const worker = await createMainWorker(temporal.nativeConnection, config, queue);
    await worker.runUntil(async () => {
      const started = await submitInvoice(temporal.client, queue, sampleInvoice());
      expect((await invoiceResult(temporal.client, started.workflowId)).status).toBe('registered');
    });
  });

  it('refuses to start without a bundle and says how to build one', async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      ACTOR_VERIFY_KEYS: productionVerifyKeys,
      WORKFLOW_BUNDLE_PATH: join(dataDir, 'missing.js'),
      DATA_DIR: dataDir,
      TEMPORAL_NAMESPACE: temporal.namespace,
    });
    await expect(createMainWorker(temporal.nativeConnection, config, 'unused')).rejects.toThrow(
      /run `npm run build` first/,
    );
  });
});
