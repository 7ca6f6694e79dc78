import { piiKinds, replacePii, type PiiKind } from './detector';
import { piiDetectors } from './detectors';
import { normaliseText } from './normalise-text';
import { namePattern, namesIn, nameVariants } from './sender-names';

/** Placeholders look like [EMAIL_1]: readable for the model, and never themselves mistaken for PII. */
export const placeholderPattern = new RegExp(String.raw`\[(${piiKinds.join('|')})_(\d+)\]`, 'g');

export interface RedactionResult {
  text: string;
  /** placeholder → original value; stays inside the engine (the vault), never in the prompt. */
  mapping: Record<string, string>;
  counts: Partial<Record<PiiKind, number>>;
}

/**
 * Replaces PII in several texts with numbered placeholders. One redactor per ticket, so the same address in the
 * subject and in the third message gets the same placeholder, and two tickets that differ only in their PII
 * redact to the same text (which the summary cache then recognises). Text is normalised first, so look-alike
 * characters cannot hide a value from the detectors.
 */
export class Redactor {
  private readonly byValue = new Map<string, string>();
  private readonly mapping: Record<string, string> = {};
  private readonly counters: Partial<Record<PiiKind, number>> = {};
  private readonly names = new Set<string>();

  /** Continues an earlier redaction: its values keep their placeholders, its names are known, numbering goes on. */
  withMapping(mapping: Record<string, string>): this {
    for (const [placeholder, value] of Object.entries(mapping)) {
      const m = new RegExp(placeholderPattern.source).exec(placeholder);
      if (!m) continue;
      const kind = m[1] as PiiKind;
      this.mapping[placeholder] = value;
      this.byValue.set(`${kind}:${normalise(kind, value)}`, placeholder);
      this.counters[kind] = Math.max(this.counters[kind] ?? 0, Number(m[2]));
      if (kind === 'NAME') this.names.add(value);
    }
    return this;
  }

  /** Learns the names a text gives away (headers, greeting, signature) without redacting it. */
  learnNames(...texts: Array<string | undefined>): this {
    for (const text of texts) if (text) for (const name of namesIn(normaliseText(text))) this.names.add(name);
    return this;
  }

  redact(input: string): string {
    let text = normaliseText(input);
    this.learnNames(text);
    for (const detector of piiDetectors) {
      text = replacePii(detector, text, (value) => this.placeholderFor(detector.kind, value));
    }
    for (const variant of nameVariants(this.names))
      text = text.replace(namePattern(variant), (match) => this.placeholderFor('NAME', match));
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

/** The same value spelled differently (case, spaces, separators) is still the same value. */
function normalise(kind: PiiKind, value: string): string {
  if (kind === 'EMAIL' || kind === 'NAME' || kind === 'ADDRESS') return value.toLowerCase().replace(/\s+/g, ' ');
  return value.replace(/[\s()./-]/g, '').toUpperCase();
}

export function redactText(text: string): RedactionResult {
  const redactor = new Redactor();
  return redactor.result(redactor.redact(text));
}

/** Puts the original values back, inside the engine only (e.g. a draft reply shown to the agent). */
export function restorePlaceholders(text: string, mapping: Record<string, string>): string {
  return text.replace(placeholderPattern, (placeholder) => mapping[placeholder] ?? placeholder);
}
