import type { PiiDetector } from './detector';

const months =
  'jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|jun(?:e|i)?|jul(?:y|i)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?';

/** A date in the usual spellings: 12.05.1985, 12/05/85, 1985-05-12, 12 May 1985, 12. Mai 1985, May 12, 1985. */
const date = String.raw`\d{1,2}\s?[./-]\s?\d{1,2}\s?[./-]\s?\d{2,4}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.?\s+(?:${months})\.?\s+\d{2,4}|(?:${months})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{2,4}`;

/** Words that say a date is a birth date: English, German, French, Spanish, Italian, Dutch. */
const label = String.raw`date\s+of\s+birth|birth\s?date|birthday|d\.?o\.?b\.?|born(?:\s+on)?|geb\.|geboren(?:\s+am)?|geburtsdatum|geburtstag|née?(?:\s+le)?|date\s+de\s+naissance|fecha\s+de\s+nacimiento|nacid[oa](?:\s+el)?|data\s+di\s+nascita|nat[oa](?:\s+il)?|geboortedatum|geboren\s+op`;

/**
 * Dates of birth: a date near a birth label (within a few words, e.g. "born in Hamburg on 12.05.1985").
 * Other dates (delivery, invoice) stay: they carry the ticket's meaning and are not personal.
 */
export const birthDateDetectors: readonly PiiDetector[] = [
  {
    kind: 'DOB',
    pattern: new RegExp(String.raw`(?<![\p{L}])(?:${label})(?![\p{L}])[^\n\d]{0,30}?(${date})(?!\d)`, 'giu'),
  },
];
