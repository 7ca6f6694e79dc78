import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import type { Logger } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { inject } from 'vitest';
import { dataConverter } from '../../platform/data-converter';

let runtimeInstalled = false;

/**
 * Keeps test output readable: SDK warnings and errors only. A test that reads what workflows and activities
 * log passes its own logger, before connecting.
 */
export function installTestRuntime(logger: Logger = new DefaultLogger('WARN')): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger });
  runtimeInstalled = true;
}

/** Tests encrypt payloads as every deployment does, with the development key (PAYLOAD_KEYS unset). */
export const testDataConverter = dataConverter({});

export interface TestTemporal {
  address: string;
  namespace: string;
  client: Client;
  nativeConnection: NativeConnection;
  /** A task queue of its own for each test, so tests never steal each other's tasks. */
  newTaskQueue(label?: string): string;
  /** A worker on the prebuilt test bundle. */
  createWorker(
    options: Omit<WorkerOptions, 'connection' | 'namespace' | 'workflowBundle' | 'workflowsPath'>,
  ): Promise<Worker>;
  close(): Promise<void>;
}

export async function connectTestTemporal(): Promise<TestTemporal> {
  installTestRuntime();
  const address = inject('temporalAddress');
  const namespace = inject('temporalNamespace');
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  const client = new Client({ connection, namespace, dataConverter: testDataConverter });
  return {
    address,
    namespace,
    client,
    nativeConnection,
    newTaskQueue: (label = 'test') => `${label}-${randomUUID()}`,
    createWorker: (options) =>
      Worker.create({
        connection: nativeConnection,
        namespace,
        workflowBundle: { codePath: inject('workflowBundlePath') },
        dataConverter: testDataConverter,
        ...options,
      }),
    close: async () => {
      await connection.close();
      await nativeConnection.close();
    },
  };
}

/** Whether Temporal knows a workflow id: what a refusal test asks to prove that nothing was started. */
export function workflowExists(client: Client, workflowId: string): Promise<boolean> {
  return client.workflow
    .getHandle(workflowId)
    .describe()
    .then(
      () => true,
      (err: unknown) => {
        if (err instanceof WorkflowNotFoundError) return false;
        throw err;
      },
    );
}

/** Ends the runs a test left waiting (nothing works them here); ids already closed are skipped. */
export async function terminateRuns(client: Client, workflowIds: Iterable<string>): Promise<void> {
  for (const id of workflowIds)
    await client.workflow
      .getHandle(id)
      .terminate('test done')
      .catch(() => undefined);
}
