/**
 * Personal names taken from the message itself: header display names, the greeting, the sign-off and its
 * signature line, "my name is …" and titled names. A name found once is then redacted wherever it recurs,
 * whole or in part ("Dear Anna Schmidt" … "Anna" … "Ms Schmidt").
 */
const particles = '(?:von|van|de|der|den|di|da|del|la|le|du|zu|af|ter|ten)';
const namePart = String.raw`[\p{Lu}][\p{Ll}'’]+(?:-[\p{Lu}][\p{Ll}'’]+)?`;
const name = String.raw`${namePart}(?:[ \t]+(?:${particles}[ \t]+)*${namePart}){0,3}`;
const titles = String.raw`(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Monsieur|Madame|Mme|Mlle|Señor|Señora|Sr|Sra|Signor|Signora|Sig|Dhr|Mevr|Pan|Pani)\.?`;

const greetings = String.raw`Dear|Hi|Hello|Hey|Hallo|Moin|Servus|Liebe|Lieber|Sehr geehrte|Sehr geehrter|Guten Tag|Guten Morgen|Bonjour|Bonsoir|Cher|Chère|Hola|Estimado|Estimada|Ciao|Gentile|Buongiorno|Beste|Geachte|Hej|Witam`;
const signOffs = String.raw`(?:(?:best|kind|warm|many|warmest)\s+)?(?:regards|wishes)|best|cheers|thanks(?: again| a lot)?|thank you|sincerely|yours(?: sincerely| truly| faithfully)?|mit freundlichen grüßen|mfg|viele grüße|beste grüße|liebe grüße|freundliche grüße|grüße|gruß|lg|vg|cordialement|bien à vous|saludos(?: cordiales)?|atentamente|cordiali saluti|distinti saluti|met vriendelijke groet(?:en)?|groeten|med vänliga hälsningar|pozdrawiam|--`;
const headers = String.raw`From|To|Cc|Reply-To|Sender|Von|An|Absender|De|À|Para|Da|Van|Aan`;
const labels = String.raw`my name is|mein name ist|ich heiße|je m'appelle|me llamo|mi chiamo|mijn naam is|name|full name|account holder|kontoinhaber(?:in)?|titulaire|customer|kunde|kundin`;

/** Case-insensitive words inside a case-sensitive pattern (names must keep their capital letter). */
const anyCase = (words: string) =>
  words.replace(/(?<!\\)\p{L}/gu, (ch) =>
    ch.toLowerCase() === ch.toUpperCase() ? ch : `[${ch.toLowerCase()}${ch.toUpperCase()}]`,
  );

const finders: RegExp[] = [
  // Header display names: "From: Anna Schmidt <anna@…>", quoted or not, and the digest's "[2] Anna Schmidt <…>".
  new RegExp(
    String.raw`(?:^|\n)[ \t>]*(?:(?:${headers})[ \t]*:|\[\d+\])[ \t]*"?(${name})"?[ \t]*(?:<|\[mailto:|\()`,
    'gu',
  ),
  new RegExp(String.raw`(?:^|\n)[ \t>]*(?:${greetings})[ \t]+(?:${titles}[ \t]+)?(${name})[ \t]*(?=[,!:.\n]|$)`, 'gu'),
  // The sign-off, then the name on its own line (blank lines between allowed), or "Thanks, Anna".
  new RegExp(
    String.raw`(?:^|\n)[ \t>]*(?:${anyCase(signOffs)})[ \t]*[,.!]?[ \t]*\n(?:[ \t>]*\n)*[ \t>]*(${name})[ \t]*(?=\n|$|,)`,
    'gu',
  ),
  new RegExp(String.raw`(?:^|\n)[ \t>]*(?:${anyCase(signOffs)})[ \t]*,[ \t]*(${name})[ \t]*(?=\n|$)`, 'gu'),
  new RegExp(String.raw`(?<![\p{L}])(?:${anyCase(labels)})[ \t]*:?[ \t]+(${name})`, 'gu'),
  new RegExp(String.raw`(?<![\p{L}])${titles}[ \t]+(${name})`, 'gu'),
];

/** Words that follow a greeting or a sign-off but are no one's name. */
const notNames = new Set(
  'customer customers service support team sir madam all colleagues colleague kunde kundin kundenservice damen herren friend friends everyone there folks hello hi thanks thank regards best kind sender user admin manager mitarbeiter dear good morning afternoon evening tag billing accounts accounting sales desk helpdesk department office company inc ltd gmbh ag sent from subject urgent please again the your our my we you it this that team sehr geehrte geehrter guten monsieur madame and or und et y e is am are was ich bin not no yes ok okay order invoice ticket refund payment account card bank'.split(
    ' ',
  ),
);

const isName = (candidate: string) =>
  candidate.split(/[ \t-]+/).every((w) => !notNames.has(w.toLowerCase()) && (w.length > 1 || /^\p{Lu}$/u.test(w)));

/** The names one text gives away about its sender and recipients. */
export function namesIn(text: string): string[] {
  const found = new Set<string>();
  for (const finder of finders) {
    for (const match of text.matchAll(finder)) {
      // Trim trailing words the pattern took that are not names ("Anna Schmidt Customer Support" → "Anna Schmidt").
      const words = (match[1] ?? '').trim().split(/[ \t]+/);
      while (words.length && notNames.has(words[words.length - 1]!.toLowerCase())) words.pop();
      while (words.length && notNames.has(words[0]!.toLowerCase())) words.shift();
      const candidate = words.join(' ');
      if (candidate.length >= 2 && isName(candidate)) found.add(candidate);
    }
  }
  return [...found];
}

/** The full name and its parts (given name, surname), longest first, so "Anna Schmidt" wins over "Anna". */
export function nameVariants(names: Iterable<string>): string[] {
  const variants = new Set<string>();
  for (const full of names) {
    variants.add(full);
    for (const part of full.split(/[ \t]+/))
      if (part.length >= 3 && !new RegExp(`^${particles}$`).test(part)) variants.add(part);
  }
  return [...variants].sort((a, b) => b.length - a.length);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every occurrence of a known name as a whole word, also in capitals ("ANNA SCHMIDT"). */
export function namePattern(variant: string): RegExp {
  const spaced = (v: string) => escape(v).replace(/[ \t]+/g, '\\s+');
  return new RegExp(
    String.raw`(?<![\p{L}\p{N}])(?:${spaced(variant)}|${spaced(variant.toUpperCase())})(?![\p{L}\p{N}])`,
    'gu',
  );
}
