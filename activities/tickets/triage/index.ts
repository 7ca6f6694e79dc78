import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type OpenAI from 'openai';
import { noUsage, type TriageAttempt } from '../../../schemas/tickets/ticket-triage';
import { LlmFailureType, toLlmFailure } from '../../engine/llm/llm-failures';
import { offlineModel, offlineTriage } from './offline-triage';
import type { DailyTokenBudget } from '../../engine/llm/token-budget';
import { contentHash, type TriageCache } from './triage-cache';
import { promptVersion, triageMessages, triageResponseFormat } from './triage-prompt';
import { checkTriageReply } from './triage-reply';
import { usageCost, type TokenPrices } from './usage-cost';

export { createOpenAiClient } from '../../engine/llm/openai-client';
export { DailyTokenBudget } from '../../engine/llm/token-budget';
export { TriageCache } from './triage-cache';

export interface LlmDeps {
  /** Undefined without an API key: the offline summariser serves. */
  openai?: OpenAI;
  model: string;
  timeoutMs: number;
  /** Attempts a schema-invalid reply gets before the ticket goes to a person instead. */
  outputAttempts: number;
  budget: DailyTokenBudget;
  cache: TriageCache;
  prices: TokenPrices;
}

export interface TriageRequest {
  businessKey: string;
  /** Redacted text only: it is sent to the endpoint as it is. */
  text: string;
  /** An agent asked for a fresh summary: skip the cache. */
  fresh?: boolean;
}

/** The `llm` queue's activities: the only code that talks to the model endpoint. */
export function createLlmActivities(deps: LlmDeps) {
  return {
    async triageTicket(request: TriageRequest): Promise<TriageAttempt> {
      const model = deps.openai ? deps.model : offlineModel;
      const hash = contentHash({ text: request.text, model, promptVersion });
      if (!deps.openai) {
        return {
          outcome: 'triaged',
          triage: offlineTriage(request.text),
          source: 'offline',
          model,
          usage: noUsage,
          contentHash: hash,
        };
      }
      if (!request.fresh) {
        const cached = await deps.cache.get(hash);
        if (cached)
          return {
            outcome: 'triaged',
            triage: cached.triage,
            source: 'cache',
            model: cached.model,
            usage: noUsage,
            contentHash: hash,
          };
      }
      if (await deps.budget.exhausted()) {
        log.warn('daily token budget spent; the ticket goes to a person', { businessKey: request.businessKey });
        return { outcome: 'budget-exhausted', usedToday: await deps.budget.usedToday(), budget: deps.budget.limit };
      }

      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await deps.openai.chat.completions.create(
          {
            model: deps.model,
            messages: triageMessages(request.text),
            response_format: triageResponseFormat,
            temperature: 0,
          },
          { timeout: deps.timeoutMs, signal: Context.current().cancellationSignal },
        );
      } catch (err) {
        throw toLlmFailure(err);
      }
      const usage = usageCost(
        completion.usage?.prompt_tokens ?? 0,
        completion.usage?.completion_tokens ?? 0,
        deps.prices,
      );
      // Tokens are spent whether or not the reply is usable.
      await deps.budget.record(usage.promptTokens + usage.completionTokens);

      const check = checkTriageReply(completion.choices[0]?.message?.content);
      if (!check.ok) {
        const attempt = Context.current().info.attempt;
        log.warn('LLM reply failed the triage schema', {
          businessKey: request.businessKey,
          attempt,
          problems: check.problems,
        });
        if (attempt >= deps.outputAttempts)
          return { outcome: 'invalid-output', attempts: attempt, problems: check.problems, usage };
        throw ApplicationFailure.create({
          message: `the LLM reply failed the schema: ${check.problems.join('; ')}`,
          type: LlmFailureType.invalidOutput,
        });
      }
      await deps.cache.put(hash, {
        triage: check.triage,
        model: completion.model || deps.model,
        createdAt: new Date().toISOString(),
      });
      return {
        outcome: 'triaged',
        triage: check.triage,
        source: 'llm',
        model: completion.model || deps.model,
        usage,
        contentHash: hash,
      };
    },
  };
}
