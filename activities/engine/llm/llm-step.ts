import { Context, log } from '@temporalio/activity';
import type OpenAI from 'openai';
import { z } from 'zod';
import { llmFailures } from '../../../schemas/engine/failures';
import { noUsage, type LlmStepRequest, type LlmStepResult } from '../../../schemas/engine/llm';
import { formatPath } from '../../../schemas/engine/validation';
import { redactText } from '../pii';
import { contentHash, type LlmCache } from './llm-cache';
import { toLlmFailure } from './llm-failures';
import type { DailyTokenBudget } from './token-budget';
import { usageCost, type TokenPrices } from './usage-cost';

export type ChatMessage = { role: 'system' | 'user'; content: string };

/**
 * An LLM task as the llm worker runs it: the schema its answer must match, the prompt, and what to answer
 * without a model. Declared by a process (its declaration's `llmTasks`), named by its workflows.
 */
export interface LlmTask<I = never, O = unknown> {
  name: string;
  /** Bumped whenever the prompt or schema changes, so cached answers to the old prompt are not reused. */
  version: string;
  schema: z.ZodType<O>;
  /** Checks the input before anything is sent (the workflow's input is data from outside). */
  input: z.ZodType<I>;
  /** The messages for one input. User messages are redacted again before they leave, whatever the caller did. */
  messages(input: I): ChatMessage[];
  /** The answer without a model (no API key): a plain rule-based one, so the process still runs end to end. */
  offline(input: I): O;
  /** The name the offline answers give as their model. */
  offlineModel?: string;
  /** More checks of a schema-valid reply (e.g. a prompt leak); each problem makes the reply invalid. */
  check?(raw: string, output: O): string[];
  /** The task's confidence in an answer (0..1): a workflow sends low-confidence answers to a person. */
  confidence?(output: O): number;
}

/** Any task, as the worker keeps them by name; each checks its own input before it runs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tasks of every input and output type in one list
export type AnyLlmTask = LlmTask<any, any>;

export interface LlmStepDeps {
  /** Undefined without an API key: the task's offline answer serves. */
  openai?: OpenAI;
  model: string;
  timeoutMs: number;
  /** Attempts a schema-invalid reply gets before the answer is 'invalid-output' (to a person). */
  outputAttempts: number;
  budget: DailyTokenBudget;
  cache: LlmCache;
  prices: TokenPrices;
}

/** Keywords the strict structured-output mode does not accept; zod still checks them on the reply. */
const unsupportedKeywords = new Set(['$schema', 'minLength', 'maxLength']);
function stripUnsupported(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripUnsupported);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k]) => !unsupportedKeywords.has(k))
        .map(([k, v]) => [k, stripUnsupported(v)]),
    );
  }
  return node;
}

/** A zod schema as the response_format the chat-completions API enforces. */
export function responseFormatOf(name: string, schema: z.ZodType) {
  return {
    type: 'json_schema' as const,
    json_schema: {
      name: name.replace(/[^a-zA-Z0-9_-]/g, '_'),
      strict: true,
      schema: stripUnsupported(z.toJSONSchema(schema)) as Record<string, unknown>,
    },
  };
}

type ReplyCheck<O> = { ok: true; output: O } | { ok: false; problems: string[] };

/** Parses and checks a model reply: JSON, then the task's schema, then the task's own checks. */
export function checkReply<I, O>(task: LlmTask<I, O>, raw: string | null | undefined): ReplyCheck<O> {
  if (!raw) return { ok: false, problems: ['the reply is empty'] };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    return { ok: false, problems: [`the reply is not JSON: ${(err as Error).message}`] };
  }
  const parsed = task.schema.safeParse(data);
  if (!parsed.success)
    return { ok: false, problems: parsed.error.issues.map((i) => `${formatPath(i.path) || '(reply)'}: ${i.message}`) };
  const problems = task.check?.(raw, parsed.data) ?? [];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, output: parsed.data };
}

/** The messages with PII replaced by placeholders in every user message (placeholders already there stay). */
function redacted(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((m) => (m.role === 'user' ? { ...m, content: redactText(m.content).text } : m));
}

/** Exactly the messages a step sends for one input; `bpo ticket redact` prints them from here too. */
export function outgoingMessages<I>(task: Pick<LlmTask<I, unknown>, 'messages'>, input: I): ChatMessage[] {
  return redacted(task.messages(input));
}

/**
 * One LLM step: offline answer without a model; else the cache by content; else, within the day's token
 * budget, the model with the task's schema as structured output, 429/5xx/timeouts as retryable failures
 * (honouring retry-after), and a reply that fails the schema tried again until `outputAttempts`, then handed
 * back as 'invalid-output' for a person.
 */
export async function runLlmStep<I, O>(
  deps: LlmStepDeps,
  task: LlmTask<I, O>,
  input: I,
  request: Pick<LlmStepRequest, 'businessKey' | 'fresh'>,
): Promise<LlmStepResult<O>> {
  const confidenceOf = (output: O) => (task.confidence ? { confidence: task.confidence(output) } : {});
  const messages = outgoingMessages(task, input);
  const model = deps.openai ? deps.model : (task.offlineModel ?? 'offline');
  const hash = contentHash({ version: `${task.name}/${task.version}`, model, text: JSON.stringify(messages) });
  if (!deps.openai) {
    const output = task.offline(input);
    return {
      outcome: 'answered',
      output,
      source: 'offline',
      model,
      usage: noUsage,
      contentHash: hash,
      ...confidenceOf(output),
    };
  }
  if (!request.fresh) {
    const cached = await deps.cache.get(hash);
    const output = cached ? task.schema.safeParse(cached.output) : undefined;
    if (cached && output?.success)
      return {
        outcome: 'answered',
        output: output.data,
        source: 'cache',
        model: cached.model,
        usage: noUsage,
        contentHash: hash,
        ...confidenceOf(output.data),
      };
  }
  if (await deps.budget.exhausted()) {
    log.warn('daily token budget spent; the step goes to a person', {
      task: task.name,
      businessKey: request.businessKey,
    });
    return { outcome: 'budget-exhausted', usedToday: await deps.budget.usedToday(), budget: deps.budget.limit };
  }

  let completion: OpenAI.Chat.Completions.ChatCompletion;
  try {
    completion = await deps.openai.chat.completions.create(
      { model: deps.model, messages, response_format: responseFormatOf(task.name, task.schema), temperature: 0 },
      { timeout: deps.timeoutMs, signal: Context.current().cancellationSignal },
    );
  } catch (err) {
    throw toLlmFailure(err);
  }
  const usage = usageCost(completion.usage?.prompt_tokens ?? 0, completion.usage?.completion_tokens ?? 0, deps.prices);
  // Tokens are spent whether or not the reply is usable.
  await deps.budget.record(usage.promptTokens + usage.completionTokens);

  const check = checkReply(task, completion.choices[0]?.message?.content);
  if (!check.ok) {
    const attempt = Context.current().info.attempt;
    log.warn('LLM reply failed the schema', {
      task: task.name,
      businessKey: request.businessKey,
      attempt,
      problems: check.problems,
    });
    if (attempt >= deps.outputAttempts)
      return { outcome: 'invalid-output', attempts: attempt, problems: check.problems, usage };
    throw llmFailures.create('LlmOutputInvalid', `the LLM reply failed the schema: ${check.problems.join('; ')}`);
  }
  const answeredBy = completion.model || deps.model;
  await deps.cache.put(hash, { output: check.output, model: answeredBy, createdAt: new Date().toISOString() });
  return {
    outcome: 'answered',
    output: check.output,
    source: 'llm',
    model: answeredBy,
    usage,
    contentHash: hash,
    ...confidenceOf(check.output),
  };
}

/**
 * The llm queue's generic activity: runs any installed process's task by name. The input is checked against
 * the task's input schema first: a bad input is refused for good, nothing is sent.
 */
export function createLlmStepActivities(deps: LlmStepDeps, tasks: readonly AnyLlmTask[]) {
  const byName = new Map<string, AnyLlmTask>();
  for (const task of tasks) {
    if (byName.has(task.name)) throw new Error(`LLM task ${task.name} is declared twice`);
    byName.set(task.name, task);
  }
  return {
    async llmStep(request: LlmStepRequest): Promise<LlmStepResult> {
      const task = byName.get(request.task);
      if (!task)
        throw llmFailures.create('LlmRequestRejected', `no installed process declares the LLM task ${request.task}`);
      const input = task.input.safeParse(request.input);
      if (!input.success) {
        const problems = input.error.issues.map((i) => `${formatPath(i.path) || '(input)'}: ${i.message}`);
        throw llmFailures.create(
          'LlmRequestRejected',
          `the input of ${task.name} is not valid: ${problems.join('; ')}`,
        );
      }
      return runLlmStep(deps, task, input.data, request);
    },
  };
}
