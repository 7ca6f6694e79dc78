import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Config } from '../platform/config';
import { dataConverter } from '../platform/data-converter';
import { workflowEntryPath } from './workflow-entry';

export interface WorkerSpec {
  connection: NativeConnection;
  config: Pick<Config, 'NODE_ENV' | 'TEMPORAL_NAMESPACE' | 'WORKFLOW_BUNDLE_PATH' | 'PAYLOAD_KEYS'>;
  taskQueue: string;
  activities?: object;
  /** false for activity-only workers such as the bots queue. */
  runsWorkflows?: boolean;
  options?: Partial<
    Pick<
      WorkerOptions,
      | 'maxConcurrentActivityTaskExecutions'
      | 'maxConcurrentWorkflowTaskExecutions'
      | 'maxCachedWorkflows'
      | 'shutdownGraceTime'
      | 'maxActivitiesPerSecond'
      | 'maxTaskQueueActivitiesPerSecond'
    >
  >;
}

/**
 * Workflow code comes from the prebuilt bundle in production (no webpack at start-up, and the exact code that
 * was tested), and is bundled from source in development.
 */
function workflowSource(config: WorkerSpec['config']): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  const bundlePath = resolve(config.WORKFLOW_BUNDLE_PATH);
  if (config.NODE_ENV === 'production') {
    if (!existsSync(bundlePath)) {
      throw new Error(`NODE_ENV=production needs the workflow bundle at ${bundlePath}: run \`npm run build\` first`);
    }
    return { workflowBundle: { codePath: bundlePath } };
  }
  return { workflowsPath: workflowEntryPath() };
}

export async function createWorker(spec: WorkerSpec): Promise<Worker> {
  return Worker.create({
    connection: spec.connection,
    namespace: spec.config.TEMPORAL_NAMESPACE,
    taskQueue: spec.taskQueue,
    dataConverter: dataConverter(spec.config),
    activities: spec.activities,
    ...(spec.runsWorkflows === false ? {} : workflowSource(spec.config)),
    shutdownGraceTime: '10 seconds',
    ...spec.options,
  });
}
