import { piiDetectors, type PiiKind } from './detectors';

/** Placeholders look like [EMAIL_1]: readable for the model, and never themselves mistaken for PII. */
export const placeholderPattern = /\[(EMAIL|IBAN|CARD|NATIONAL_ID|PHONE)_(\d+)\]/g;

export interface RedactionResult {
  text: string;
  /** placeholder → original value; stays inside the engine (the vault), never in the prompt. */
  mapping: Record<string, string>;
  counts: Partial<Record<PiiKind, number>>;
}

/**
 * Replaces PII in several texts with numbered placeholders. One redactor per ticket, so the same address in the
 * subject and in the third message gets the same placeholder, and two tickets that differ only in their PII
 * redact to the same text (which the summary cache then recognises).
 */
export class Redactor {
  private readonly byValue = new Map<string, string>();
  private readonly mapping: Record<string, string> = {};
  private readonly counters: Partial<Record<PiiKind, number>> = {};

  redact(input: string): string {
    let text = input;
    for (const detector of piiDetectors) {
      text = text.replace(detector.pattern, (match: string, group?: unknown) => {
        const sensitive = typeof group === 'string' ? group : match;
        const accepted = detector.accept ? detector.accept(sensitive) : sensitive;
        if (accepted === undefined) return match;
        return match.replace(accepted, this.placeholderFor(detector.kind, accepted));
      });
    }
    return text;
  }

  result(text: string): RedactionResult {
    return { text, mapping: { ...this.mapping }, counts: { ...this.counters } };
  }

  private placeholderFor(kind: PiiKind, value: string): string {
    const key = `${kind}:${normalise(kind, value)}`;
    const known = this.byValue.get(key);
    if (known) return known;
    const n = (this.counters[kind] ?? 0) + 1;
    this.counters[kind] = n;
    const placeholder = `[${kind}_${n}]`;
    this.byValue.set(key, placeholder);
    this.mapping[placeholder] = value;
    return placeholder;
  }
}

/** The same value spelled differently (case, spaces) is still the same value. */
function normalise(kind: PiiKind, value: string): string {
  return kind === 'EMAIL' ? value.toLowerCase() : value.replace(/[\s().-]/g, '').toUpperCase();
}

export function redactText(text: string): RedactionResult {
  const redactor = new Redactor();
  return redactor.result(redactor.redact(text));
}

/** Puts the original values back, inside the engine only (e.g. a draft reply shown to the agent). */
export function restorePlaceholders(text: string, mapping: Record<string, string>): string {
  return text.replace(placeholderPattern, (placeholder) => mapping[placeholder] ?? placeholder);
}
