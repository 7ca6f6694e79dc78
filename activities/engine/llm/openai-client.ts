import OpenAI from 'openai';

export interface OpenAiSettings {
  apiKey?: string;
  baseURL?: string;
  timeoutMs: number;
}

/**
 * The chat-completions client, or undefined without an API key (the offline summariser serves then). Its own
 * retries are off: Temporal retries the activity, honouring retry-after, and records every attempt.
 */
export function createOpenAiClient(settings: OpenAiSettings): OpenAI | undefined {
  if (!settings.apiKey) return undefined;
  return new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL, maxRetries: 0, timeout: settings.timeoutMs });
}
