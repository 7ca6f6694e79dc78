import { resolve } from 'node:path';
import { Worker } from '@temporalio/worker';
import { dataConverter } from '../../platform/data-converter';
import { workflowEntryPath } from '../../workers/workflow-entry';
import type { BenchTemporal } from './bench-temporal';

/** The benchmark bundle's entry: the engine's workflows, the installed processes' and bench/workflows. */
export const benchWorkflowsPath = () => workflowEntryPath(undefined, [resolve(__dirname, '../workflows')]);

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
    workflowsPath: benchWorkflowsPath(),
    dataConverter: dataConverter({}),
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
