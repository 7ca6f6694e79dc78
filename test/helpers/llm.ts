import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLlmActivities,
  createOpenAiClient,
  DailyTokenBudget,
  LlmCache,
  type LlmDeps,
} from '../../activities/tickets/triage';
import type { FakeOpenAi } from '../fixtures/fake-openai-server';

/** LLM step deps on the real `openai` client pointed at the fake endpoint, with cache and budget in a temp folder. */
export async function llmDepsFor(
  fake: FakeOpenAi | undefined,
  overrides: Partial<LlmDeps> & { budgetTokens?: number } = {},
): Promise<{ dir: string; deps: LlmDeps }> {
  const dir = await mkdtemp(join(tmpdir(), 'llm-'));
  const timeoutMs = overrides.timeoutMs ?? 5_000;
  const deps: LlmDeps = {
    openai: fake ? createOpenAiClient({ apiKey: 'test-key', baseURL: fake.baseURL, timeoutMs }) : undefined,
    model: 'gpt-test',
    timeoutMs,
    outputAttempts: 2,
    budget: new DailyTokenBudget(join(dir, 'usage'), overrides.budgetTokens ?? 0),
    cache: new LlmCache(join(dir, 'cache')),
    prices: { inputPerMTok: 0.15, outputPerMTok: 0.6 },
    ...overrides,
  };
  return { dir, deps };
}

/** Ticket triage's llm activities on those deps. */
export async function llmActivitiesFor(
  fake: FakeOpenAi | undefined,
  overrides: Partial<LlmDeps> & { budgetTokens?: number } = {},
) {
  const { dir, deps } = await llmDepsFor(fake, overrides);
  return { dir, deps, activities: createLlmActivities(deps) };
}
