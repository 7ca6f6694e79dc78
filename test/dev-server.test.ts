import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDevServer, freePort, type DevServerOptions } from '../platform/dev-server';
import { createLogger } from '../platform/logger';
import { searchAttributeKinds } from '../workflows/engine/search-attributes';
import { testDataConverter } from './helpers/temporal';

const logger = createLogger({ LOG_LEVEL: 'warn', LOG_FORMAT: 'json' }, 'test');
let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the embedded Temporal dev server', () => {
  it('keeps work in its SQLite file across a restart and reuses a running server', async () => {
    dir = await mkdtemp(join(tmpdir(), 'dev-server-'));
    const options: DevServerOptions = {
      namespace: 'persist',
      dbFile: join(dir, 'temporal.sqlite'),
      port: await freePort(),
      searchAttributes: searchAttributeKinds,
      toolsDir: process.env.TOOLS_DIR || '.tools',
    };
    const first = await ensureDevServer(options, logger);
    expect(first.reused).toBe(false);

    // A second start while the first runs reuses it instead of failing on the port.
    const second = await ensureDevServer(options, logger);
    expect(second).toMatchObject({ reused: true, address: first.address });

    let connection = await Connection.connect({ address: first.address });
    const workflowId = `persist-${Date.now()}`;
    await new Client({ connection, namespace: 'persist', dataConverter: testDataConverter }).workflow.start(
      'notRegisteredAnywhere',
      {
        taskQueue: 'nobody',
        workflowId,
      },
    );
    const attributes = await connection.operatorService.listSearchAttributes({ namespace: 'persist' });
    expect(Object.keys(attributes.customAttributes ?? {})).toEqual(
      expect.arrayContaining(Object.keys(searchAttributeKinds)),
    );
    await connection.close();
    await first.stop();
    expect((await stat(join(dir, 'temporal.sqlite'))).size).toBeGreaterThan(0);

    const restarted = await ensureDevServer(options, logger);
    try {
      connection = await Connection.connect({ address: restarted.address });
      const description = await new Client({
        connection,
        namespace: 'persist',
        dataConverter: testDataConverter,
      }).workflow
        .getHandle(workflowId)
        .describe();
      expect(description.status.name).toBe('RUNNING');
      await connection.close();
    } finally {
      await restarted.stop();
    }
  });
});
