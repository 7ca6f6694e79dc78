import { resolve } from 'node:path';
import { Worker } from '@temporalio/worker';
import type { BenchTemporal } from './bench-temporal';

/** A worker on the benchmark bundle (the engine's workflows plus bench/workflows), bundled once per run. */
export async function startBenchWorker(
  temporal: BenchTemporal,
  taskQueue: string,
  activities: object,
): Promise<{ stop(): Promise<void> }> {
  const worker = await Worker.create({
    connection: temporal.nativeConnection,
    namespace: temporal.namespace,
    taskQueue,
    workflowsPath: resolve(__dirname, '../workflows/index.ts'),
    activities,
  });
  const running = worker.run();
  return {
    stop: async () => {
      worker.shutdown();
      await running;
    },
  };
}
