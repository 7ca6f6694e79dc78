import type { NativeConnection, Worker } from '@temporalio/worker';
import { llmStepDepsFromConfig } from '../activities/engine/llm/from-config';
import { createLlmStepActivities } from '../activities/engine/llm/llm-step';
import { taskQueue, type Config } from '../platform/config';
import type { ProcessDefinition } from '../processes/define-process';
import { installedProcesses } from '../processes/installed';
import { activitiesFor } from './process-activities';
import { createWorker } from './create-worker';

/**
 * The `llm` queue: activities only, the one place that calls the model endpoint. The task-queue rate limit is
 * shared by every llm worker (the endpoint's quota is per account, not per process); concurrency is per worker.
 */
export function createLlmWorker(
  connection: NativeConnection,
  config: Config,
  queue = taskQueue(config, 'llm'),
  processes: readonly ProcessDefinition[] = installedProcesses,
): Promise<Worker> {
  const llm = llmStepDepsFromConfig(config);
  return createWorker({
    connection,
    config,
    taskQueue: queue,
    activities: {
      // One endpoint, cache and budget for every step: the generic llmStep runs any installed process's task.
      ...createLlmStepActivities(
        llm,
        processes.flatMap((p) => p.llmTasks ?? []),
      ),
      ...activitiesFor(processes, 'llm', { config, llm }),
    },
    runsWorkflows: false,
    options: {
      maxConcurrentActivityTaskExecutions: config.LLM_MAX_CONCURRENT,
      maxTaskQueueActivitiesPerSecond: config.LLM_RATE_LIMIT_PER_SECOND,
      maxActivitiesPerSecond: config.LLM_RATE_LIMIT_PER_SECOND,
    },
  });
}
