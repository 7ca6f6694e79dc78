export type PiiKind = 'EMAIL' | 'IBAN' | 'CARD' | 'NATIONAL_ID' | 'DOB' | 'PHONE' | 'ADDRESS' | 'NAME';

export const piiKinds: readonly PiiKind[] = ['EMAIL', 'IBAN', 'CARD', 'NATIONAL_ID', 'DOB', 'PHONE', 'ADDRESS', 'NAME'];

export interface PiiDetector {
  kind: PiiKind;
  /** Global regex; group 1, when present, is the sensitive part (the rest is a label that stays). */
  pattern: RegExp;
  /** Returns the exact text to redact inside the match, or undefined when the match is not PII after all. */
  accept?(value: string): string | undefined;
}

export interface PiiMatch {
  start: number;
  end: number;
  value: string;
}

/**
 * Every accepted value of one detector in a text. A match the check shrinks (an IBAN that swallowed the next
 * words) does not consume the text after the accepted part: the search resumes right there, so a value that
 * follows closely is still found. A refused match is passed over whole, as a number that is not a card is.
 */
export function* findPii(detector: PiiDetector, text: string): Generator<PiiMatch> {
  const pattern = new RegExp(detector.pattern.source, detector.pattern.flags);
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(text))) {
    const sensitive = m[1] ?? m[0];
    const accepted = detector.accept ? detector.accept(sensitive) : sensitive;
    if (accepted === undefined || accepted === '') continue;
    const start = m.index + m[0].indexOf(sensitive) + sensitive.indexOf(accepted);
    const end = start + accepted.length;
    yield { start, end, value: accepted };
    pattern.lastIndex = end;
  }
}

/** The text with each accepted value of one detector replaced. */
export function replacePii(detector: PiiDetector, text: string, replace: (value: string) => string): string {
  let out = '';
  let last = 0;
  for (const { start, end, value } of findPii(detector, text)) {
    out += text.slice(last, start) + replace(value);
    last = end;
  }
  return out + text.slice(last);
}
