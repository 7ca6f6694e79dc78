// The LLM step: the runner every process's LLM task uses, and what it is built from.
export * from './llm-step';
export { llmStepDepsFromConfig, type LlmConfig } from './from-config';
export { LlmCache, contentHash } from './llm-cache';
export { createOpenAiClient } from './openai-client';
export { DailyTokenBudget } from './token-budget';
export { toLlmFailure, retryAfterMs, LlmFailureType } from './llm-failures';
export { usageCost, type TokenPrices } from './usage-cost';
