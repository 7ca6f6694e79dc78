import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { inject } from 'vitest';

let runtimeInstalled = false;

/** Keeps test output readable: SDK warnings and errors only. */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

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
  quietRuntime();
  const address = inject('temporalAddress');
  const namespace = inject('temporalNamespace');
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  const client = new Client({ connection, namespace });
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
        ...options,
      }),
    close: async () => {
      await connection.close();
      await nativeConnection.close();
    },
  };
}
