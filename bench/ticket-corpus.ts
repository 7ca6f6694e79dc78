import type { Ticket } from '../schemas/tickets/ticket';

/** A small deterministic PRNG, so every run measures the same corpus. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const problems = [
  'I was charged twice for order ORD-{n}. Please refund the second charge of €{a} to my account {iban}.',
  'My parcel for order ORD-{n} has not arrived after two weeks. The tracking page shows no update since Monday.',
  'I cannot log in since the password reset; the page says "token expired" every time. My phone is {phone}.',
  'Please cancel my subscription at the end of this month and confirm in writing. Customer number C-{n}.',
  'The invoice INV-{n} lists 12 licences but we only ordered 10. Please send a corrected invoice.',
  'The blender I bought (order ORD-{n}) stopped working after three days. I would like a replacement.',
];
const agentReplies = [
  'Thank you for contacting us. Could you please confirm the order number and the date of purchase?',
  'We are sorry for the trouble. We have forwarded your request to the responsible team and will update you.',
  'Thanks for your patience. Could you send us a photo or a screenshot of the problem?',
];
const followUps = [
  'The order number is in my first message. Please read it. This is taking far too long.',
  'I attached the screenshot last time. When will this be resolved?',
  'Any news? I still have not heard back and I need this sorted this week.',
];
const signature = (name: string, phone: string) =>
  `\nBest regards,\n${name}\n-- \n${name}\nSenior Purchasing Manager | Example Trading GmbH\nPhone: ${phone} | www.example-trading.test\nExample Trading GmbH, Registered office: Berlin, HRB 12345, Managing directors: A. Example, B. Example`;
const disclaimer =
  '\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and may be privileged. If you are not the intended recipient, please notify the sender immediately and delete this e-mail. Any unauthorised copying, disclosure or distribution of the material in this e-mail is strictly forbidden.';
const quote = (text: string) =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

/**
 * Support email threads as they arrive: every reply quotes the whole thread below it, with signatures and
 * legal footers, which is what a naive integration would paste into a prompt.
 */
export function ticketCorpus(count: number, seed = 7): Ticket[] {
  const random = prng(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const name = pick(['Anna Schmidt', 'John Doe', 'Maria Rossi', 'Lars Jensen']);
    const email = `${name.toLowerCase().replace(' ', '.')}${i}@example.test`;
    const phone = `+49 30 ${String(10_000_000 + Math.floor(random() * 89_999_999))}`;
    const fill = (t: string) =>
      t
        .replace('{n}', String(1000 + i))
        .replace('{a}', (20 + random() * 200).toFixed(2))
        .replace('{iban}', 'DE89 3704 0044 0532 0130 00')
        .replace('{phone}', phone);
    const length = 2 + Math.floor(random() * 5);
    const messages: Ticket['messages'] = [];
    let previous = '';
    for (let m = 0; m < length; m += 1) {
      const fromCustomer = m % 2 === 0;
      const text = fromCustomer
        ? m === 0
          ? `Hello,\n\n${fill(pick(problems))}`
          : `Hello,\n\n${pick(followUps)}`
        : `Dear ${name},\n\n${pick(agentReplies)}`;
      const sentAt = new Date(Date.UTC(2026, 10, 2 + m, 9, 30)).toISOString();
      const body = `${text}${fromCustomer ? signature(name, phone) + disclaimer : '\n\nKind regards,\nCustomer Support'}${
        previous
          ? `\n\nOn ${sentAt.slice(0, 10)}, ${fromCustomer ? 'support@shop.test' : email} wrote:\n${quote(previous)}`
          : ''
      }`;
      messages.push({ from: fromCustomer ? email : 'support@shop.test', sentAt, body });
      previous = body;
    }
    return {
      ticketId: `BENCH-${i + 1}`,
      channel: 'email',
      subject: `Re: ${fill(pick(problems)).slice(0, 40)}`,
      messages,
    };
  });
}
