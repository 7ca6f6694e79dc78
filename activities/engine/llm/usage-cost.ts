import type { LlmUsage } from '../../../schemas/engine/llm';

export interface TokenPrices {
  /** USD per million prompt tokens. */
  inputPerMTok: number;
  /** USD per million completion tokens. */
  outputPerMTok: number;
}

export function usageCost(promptTokens: number, completionTokens: number, prices: TokenPrices): LlmUsage {
  const costUsd = (promptTokens * prices.inputPerMTok + completionTokens * prices.outputPerMTok) / 1_000_000;
  return { promptTokens, completionTokens, costUsd: Math.round(costUsd * 1e9) / 1e9 };
}
