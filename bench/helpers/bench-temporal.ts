import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { dataConverter } from '../../platform/data-converter';
import type { DevServer } from '../../platform/dev-server';
import { createLogger } from '../../platform/logger';
import { startThrowawayDevServer } from '../../test/helpers/throwaway-dev-server';

export interface BenchTemporal {
  server: DevServer;
  client: Client;
  nativeConnection: NativeConnection;
  namespace: string;
  close(): Promise<void>;
}

let runtimeInstalled = false;

/** A fresh in-memory dev server on a free port, so figures never depend on what a local server already holds. */
export async function startBenchTemporal(namespace = 'bpo-bench'): Promise<BenchTemporal> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const logger = createLogger({ LOG_LEVEL: 'warn', LOG_FORMAT: 'json' }, 'bench');
  const server = await startThrowawayDevServer(namespace, logger);
  const connection = await Connection.connect({ address: server.address });
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  // Benchmarks pay for encryption as deployments do (the development key).
  const client = new Client({ connection, namespace, dataConverter: dataConverter({}) });
  return {
    server,
    client,
    nativeConnection,
    namespace,
    close: async () => {
      await connection.close();
      await nativeConnection.close();
      await server.stop();
    },
  };
}
