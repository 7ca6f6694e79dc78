import { ticketTriageSchema, type TicketTriage } from '../../../schemas/tickets/ticket-triage';
import { formatPath } from '../../../schemas/engine/validation';
import { systemPrompt, systemPromptCanary } from './triage-prompt';

export type ReplyCheck = { ok: true; triage: TicketTriage } | { ok: false; problems: string[] };

/** Long verbatim runs of the system prompt in a reply mean it leaked, even without the canary. */
function leaksSystemPrompt(text: string): boolean {
  if (text.includes(systemPromptCanary)) return true;
  const lines = systemPrompt.split('\n').filter((l) => l.length > 40);
  return lines.some((line) => text.includes(line.slice(0, 40)));
}

/** Parses and checks a model reply: JSON, then the zod schema, then the leak guard. */
export function checkTriageReply(raw: string | null | undefined): ReplyCheck {
  if (!raw) return { ok: false, problems: ['the reply is empty'] };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    return { ok: false, problems: [`the reply is not JSON: ${(err as Error).message}`] };
  }
  const parsed = ticketTriageSchema.safeParse(data);
  if (!parsed.success)
    return { ok: false, problems: parsed.error.issues.map((i) => `${formatPath(i.path) || '(reply)'}: ${i.message}`) };
  if (leaksSystemPrompt(raw)) return { ok: false, problems: ['the reply repeats the system prompt'] };
  return { ok: true, triage: parsed.data };
}
