import type { TicketTriage } from '../../../schemas/tickets/ticket-triage';

/**
 * Triage without a model, so a fresh machine without an API key still runs the whole process. Extractive and
 * deterministic: the summary is the ticket's own most telling sentences; the rest comes from keyword rules.
 * Its confidence is low on purpose, so its results always reach a person.
 */
export const offlineModel = 'offline-extractive';
export const offlineNotice = '[offline summary: no LLM configured]';

const stopWords = new Set(
  'a an and are as at be but by for from has have hello hi i if in is it its me my no not of on or our please so that the their them there this to us was we were will with you your thanks thank regards best dear'.split(
    ' ',
  ),
);

const categoryWords: Array<[TicketTriage['category'], RegExp]> = [
  ['privacy', /\b(gdpr|personal data|privacy|delete my (account|data))\b/i],
  ['cancellation', /\b(cancel|terminate|close my account|unsubscribe)\b/i],
  ['billing', /\b(invoice|refund|charged?|payment|billing|iban|card|price)\b/i],
  ['shipping', /\b(deliver(y|ed)?|shipping|shipment|parcel|tracking|arrived)\b/i],
  ['technical', /\b(error|bug|crash|login|password|not working|outage|down)\b/i],
  ['account', /\b(account|profile|username|address change)\b/i],
  ['complaint', /\b(complain|unacceptable|disappointed|terrible|worst)\b/i],
];

const urgentWords = /\b(urgent|asap|immediately|outage|down for all|legal action|lawyer)\b/i;
const highWords = /\b(still|again|third time|escalate|unacceptable|charged twice|no response)\b/i;
const negativeWords =
  /\b(angry|unacceptable|disappointed|terrible|worst|frustrat\w*|annoyed|still|again|broken|never)\b/gi;
const positiveWords = /\b(thanks?|great|happy|appreciate|love|excellent|resolved)\b/gi;

const nextActions: Record<TicketTriage['category'], string> = {
  billing: 'Check the payment and invoice history and confirm or correct the charge.',
  technical: 'Reproduce the problem and collect error details before escalating to engineering.',
  account: 'Verify the customer and update the account as requested.',
  shipping: 'Look up the shipment status with the carrier and update the customer.',
  complaint: 'Acknowledge the complaint and review the case with a team lead.',
  cancellation: 'Confirm the cancellation terms and process the request.',
  privacy: 'Forward to the data-protection officer and start the statutory request process.',
  other: 'Read the ticket and decide on the next step.',
};

function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .filter((line) => !/^(Subject:|\[\d+\] .*:$|\(earlier messages)/.test(line.trim()))
    .join(' ')
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 4);
}

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z'-]+/g) ?? []).filter((w) => !stopWords.has(w));
}

/** The two sentences whose words recur most across the ticket, kept in their original order. */
function extractiveSummary(text: string): string {
  const sentences = sentencesOf(text);
  const frequency = new Map<string, number>();
  for (const w of wordsOf(text)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const scored = sentences.map((s, i) => {
    const words = wordsOf(s);
    const score = words.reduce((sum, w) => sum + (frequency.get(w) ?? 0), 0) / Math.max(1, words.length);
    return { s, i, score };
  });
  const top = [...scored]
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, 2)
    .sort((a, b) => a.i - b.i);
  const picked =
    top.map((t) => t.s).join(' ') ||
    text
      .split('\n')
      .find((l) => l.startsWith('Subject:'))
      ?.slice(9)
      .trim() ||
    'No text.';
  return `${offlineNotice} ${picked}`.slice(0, 1200);
}

function entitiesOf(text: string): TicketTriage['keyEntities'] {
  const found: TicketTriage['keyEntities'] = [];
  const add = (kind: TicketTriage['keyEntities'][number]['kind'], value: string) => {
    if (found.length < 20 && !found.some((e) => e.value === value)) found.push({ kind, value });
  };
  for (const m of text.matchAll(/\b(?:ORD|ORDER)[-#: ]?\d{3,}\b/gi)) add('order', m[0]);
  for (const m of text.matchAll(/\b(?:INV|INVOICE)[-#: ]?[A-Z0-9-]{3,}\b/gi)) add('invoice', m[0]);
  for (const m of text.matchAll(/(?:[€$£]\s?\d+(?:[.,]\d{2})?|\b\d+(?:[.,]\d{2})?\s?(?:EUR|USD|GBP)\b)/g))
    add('amount', m[0]);
  for (const m of text.matchAll(/\[(?:EMAIL|IBAN|CARD|NATIONAL_ID|DOB|PHONE|ADDRESS|NAME)_\d+\]/g))
    add('placeholder', m[0]);
  return found;
}

export function offlineTriage(text: string): TicketTriage {
  const category = categoryWords.find(([, pattern]) => pattern.test(text))?.[0] ?? 'other';
  const negatives = text.match(negativeWords)?.length ?? 0;
  const positives = text.match(positiveWords)?.length ?? 0;
  return {
    summary: extractiveSummary(text),
    category,
    priority: urgentWords.test(text) ? 'urgent' : highWords.test(text) ? 'high' : 'normal',
    sentiment: negatives > positives ? 'negative' : positives > negatives + 1 ? 'positive' : 'neutral',
    keyEntities: entitiesOf(text),
    suggestedNextAction: nextActions[category],
    draftReply: `Hello,\n\nthank you for your message. We have received your request about "${category}" and an agent is looking into it. We will get back to you shortly.\n\nKind regards,\nCustomer Support\n\n${offlineNotice}`,
    confidence: 0.2,
  };
}
