import { join } from 'node:path';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createLlmActivities, createOpenAiClient, DailyTokenBudget, TriageCache } from '../activities/llm';
import { taskQueue, type Config } from '../platform/config';
import { createWorker } from './create-worker';

export type LlmConfig = Pick<
  Config,
  | 'NODE_ENV'
  | 'TEMPORAL_NAMESPACE'
  | 'TEMPORAL_TASK_QUEUE_PREFIX'
  | 'WORKFLOW_BUNDLE_PATH'
  | 'DATA_DIR'
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
  | 'OPENAI_MODEL'
  | 'LLM_TIMEOUT_MS'
  | 'LLM_OUTPUT_ATTEMPTS'
  | 'LLM_DAILY_TOKEN_BUDGET'
  | 'LLM_RATE_LIMIT_PER_SECOND'
  | 'LLM_MAX_CONCURRENT'
  | 'LLM_PRICE_INPUT_PER_MTOK'
  | 'LLM_PRICE_OUTPUT_PER_MTOK'
>;

/** The llm activities wired from config: endpoint (or offline), cache and budget under the data folder. */
export function llmActivities(config: LlmConfig) {
  return createLlmActivities({
    openai: createOpenAiClient({
      apiKey: config.OPENAI_API_KEY,
      baseURL: config.OPENAI_BASE_URL,
      timeoutMs: config.LLM_TIMEOUT_MS,
    }),
    model: config.OPENAI_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    outputAttempts: config.LLM_OUTPUT_ATTEMPTS,
    budget: new DailyTokenBudget(join(config.DATA_DIR, 'llm', 'usage'), config.LLM_DAILY_TOKEN_BUDGET),
    cache: new TriageCache(join(config.DATA_DIR, 'llm', 'cache')),
    prices: { inputPerMTok: config.LLM_PRICE_INPUT_PER_MTOK, outputPerMTok: config.LLM_PRICE_OUTPUT_PER_MTOK },
  });
}

/**
 * The `llm` queue: activities only, the one place that calls the model endpoint. The task-queue rate limit is
 * shared by every llm worker (the endpoint's quota is per account, not per process); concurrency is per worker.
 */
export function createLlmWorker(
  connection: NativeConnection,
  config: LlmConfig,
  queue = taskQueue(config, 'llm'),
): Promise<Worker> {
  return createWorker({
    connection,
    config,
    taskQueue: queue,
    activities: llmActivities(config),
    runsWorkflows: false,
    options: {
      maxConcurrentActivityTaskExecutions: config.LLM_MAX_CONCURRENT,
      maxTaskQueueActivitiesPerSecond: config.LLM_RATE_LIMIT_PER_SECOND,
      maxActivitiesPerSecond: config.LLM_RATE_LIMIT_PER_SECOND,
    },
  });
}
