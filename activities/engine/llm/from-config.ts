import { join } from 'node:path';
import type { Config } from '../../../platform/config';
import { LlmCache } from './llm-cache';
import type { LlmStepDeps } from './llm-step';
import { createOpenAiClient } from './openai-client';
import { DailyTokenBudget } from './token-budget';

export type LlmConfig = Pick<
  Config,
  | 'DATA_DIR'
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
  | 'OPENAI_MODEL'
  | 'LLM_TIMEOUT_MS'
  | 'LLM_OUTPUT_ATTEMPTS'
  | 'LLM_DAILY_TOKEN_BUDGET'
  | 'LLM_PRICE_INPUT_PER_MTOK'
  | 'LLM_PRICE_OUTPUT_PER_MTOK'
>;

/** What every LLM step of a worker shares, from config: the endpoint (or offline), the cache and the budget. */
export function llmStepDepsFromConfig(config: LlmConfig): LlmStepDeps {
  return {
    openai: createOpenAiClient({
      apiKey: config.OPENAI_API_KEY,
      baseURL: config.OPENAI_BASE_URL,
      timeoutMs: config.LLM_TIMEOUT_MS,
    }),
    model: config.OPENAI_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    outputAttempts: config.LLM_OUTPUT_ATTEMPTS,
    budget: new DailyTokenBudget(join(config.DATA_DIR, 'llm', 'usage'), config.LLM_DAILY_TOKEN_BUDGET),
    cache: new LlmCache(join(config.DATA_DIR, 'llm', 'cache')),
    prices: { inputPerMTok: config.LLM_PRICE_INPUT_PER_MTOK, outputPerMTok: config.LLM_PRICE_OUTPUT_PER_MTOK },
  };
}
