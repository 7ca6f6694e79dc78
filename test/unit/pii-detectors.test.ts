import { describe, expect, it } from 'vitest';
import { maskIbans, normaliseText, redactText, restorePlaceholders } from '../../activities/engine/pii';
import { nationalIdFormats } from '../../activities/engine/pii/national-ids';

/** One valid id per format (published examples or computed with the format's own rule), and one with a wrong check. */
const nationalIds: Record<string, { valid: string; wrongCheck?: string }> = {
  'US SSN': { valid: '123-45-6789', wrongCheck: '666-45-6789' },
  'GB NINO': { valid: 'AB 12 34 56 C', wrongCheck: 'GB 12 34 56 C' },
  'DE Steuer-ID': { valid: '65929970489', wrongCheck: '65929970488' },
  'DE Personalausweis': { valid: 'T220001293', wrongCheck: 'T220001294' },
  'AT Sozialversicherungsnummer': { valid: '1237 010180', wrongCheck: '1238 010180' },
  'NL BSN': { valid: '111222333', wrongCheck: '111222334' },
  'BE Rijksregisternummer': { valid: '85.07.30-033.28', wrongCheck: '85.07.30-033.29' },
  'LU matricule': { valid: '1893120105732', wrongCheck: '1893120105742' },
  'FR NIR': { valid: '1 85 05 78 006 084 91', wrongCheck: '1 85 05 78 006 084 36' },
  'IE PPSN': { valid: '1234567T', wrongCheck: '1234567A' },
  'ES DNI': { valid: '12345678Z', wrongCheck: '12345678A' },
  'ES NIE': { valid: 'X1234567L', wrongCheck: 'X1234567A' },
  'IT codice fiscale': { valid: 'RSSMRA85T10A562S', wrongCheck: 'RSSMRA85T10A562T' },
  'PT NIF': { valid: '123456789', wrongCheck: '123456788' },
  'GR AMKA': { valid: '01019012341', wrongCheck: '01019012342' },
  'MT identity card': { valid: '1234567M' },
  'SE personnummer': { valid: '811218-9876', wrongCheck: '811218-9877' },
  'DK CPR': { valid: '010190-1234', wrongCheck: '320190-1234' },
  'FI HETU': { valid: '131052-308T', wrongCheck: '131052-308U' },
  'EE/LT isikukood': { valid: '37605030299', wrongCheck: '37605030298' },
  'LV personas kods': { valid: '161175-19997', wrongCheck: '161175-19998' },
  'CZ/SK rodné číslo (with slash)': { valid: '855230/1234', wrongCheck: '851330/1234' },
  'CZ/SK rodné číslo': { valid: '7801010008', wrongCheck: '7801010009' },
  'PL PESEL': { valid: '44051401359', wrongCheck: '44051401358' },
  'HU TAJ': { valid: '123 456 788', wrongCheck: '123 456 789' },
  'HU személyi szám': { valid: '18501011231', wrongCheck: '18501011232' },
  'RO CNP': { valid: '1800101221144', wrongCheck: '1800101221145' },
  'BG EGN': { valid: '7523169263', wrongCheck: '7523169264' },
  'HR OIB': { valid: '69435151530', wrongCheck: '69435151531' },
  'SI EMŠO': { valid: '0101006500006', wrongCheck: '0101006500007' },
};

const redacted = (text: string) => redactText(text).text;

describe('national ids of the EU member states, the UK and the US', () => {
  it('has an example for every format', () => {
    expect(nationalIdFormats.map((f) => f.id).sort()).toEqual(Object.keys(nationalIds).sort());
  });

  for (const format of nationalIdFormats) {
    const { valid, wrongCheck } = nationalIds[format.id]!;
    it(`${format.id}: ${valid} is redacted in running text`, () => {
      const text = redacted(`Please update my record, the number is ${valid}. Thanks`);
      expect(text).not.toContain(valid);
      expect(text).toContain('[NATIONAL_ID_1]');
      expect(format.valid(valid)).toBe(true);
    });
    if (wrongCheck)
      it(`${format.id}: ${wrongCheck} fails the format's check`, () => expect(format.valid(wrongCheck)).toBe(false));
  }
});

describe('normalisation before detection', () => {
  it('folds full-width forms and every space and dash variant', () => {
    expect(normaliseText('a\u00A0b\u202Fc\u2009d\u2007e\u3000f')).toBe('a b c d e f');
    expect(normaliseText('1\u20102\u20113\u20124\u20135\u20146\u22127\uFF0D8')).toBe('1-2-3-4-5-6-7-8');
    expect(normaliseText('anna＠example．com ４１１１')).toBe('anna@example.com 4111');
    expect(normaliseText('DE89\u200B3704\u00AD0044')).toBe('DE8937040044');
  });
});

describe('detectors in their common spellings', () => {
  const cases: Array<[string, string, string]> = [
    ['IBAN with spaces', 'DE89 3704 0044 0532 0130 00', 'IBAN'],
    ['IBAN with dashes', 'DE89-3704-0044-0532-0130-00', 'IBAN'],
    ['IBAN with dots', 'DE89.3704.0044.0532.0130.00', 'IBAN'],
    ['IBAN with no-break spaces', 'DE89\u00A03704\u00A00044\u00A00532\u00A00130\u00A000', 'IBAN'],
    ['IBAN with narrow no-break spaces', 'DE89\u202F3704\u202F0044\u202F0532\u202F0130\u202F00', 'IBAN'],
    ['IBAN in lower case', 'gb82 west 1234 5698 7654 32', 'IBAN'],
    ['card with spaces', '4111 1111 1111 1111', 'CARD'],
    ['card with dots', '4111.1111.1111.1111', 'CARD'],
    ['card with dashes', '5500-0000-0000-0004', 'CARD'],
    ['card with en dashes', '5500\u20130000\u20130000\u20130004', 'CARD'],
    ['e-mail', 'anna.schmidt@example.de', 'EMAIL'],
    ['e-mail with full-width @', 'anna.schmidt＠example.de', 'EMAIL'],
    ['e-mail spelled out', 'anna.schmidt (at) example (dot) de', 'EMAIL'],
    ['German phone with slash', '030/12345678', 'PHONE'],
    ['German phone with (0)', '+49 (0)30 1234-5678', 'PHONE'],
    ['US phone', '(212) 555-0123', 'PHONE'],
    ['UK phone', '+44 20 7946 0958', 'PHONE'],
    ['phone with dots', '030.1234.5678', 'PHONE'],
  ];
  for (const [label, value, kind] of cases)
    it(`${label}: ${value}`, () => {
      const text = redacted(`Here it is: ${value} — please use it.`);
      expect(text).toContain(`[${kind}_1]`);
      expect(text).not.toContain(normaliseText(value));
    });

  it('two IBANs close together are both found', () => {
    expect(redacted('DE89-3704-0044-0532-0130-00 and GB82.WEST.1234.5698.7654.32')).toBe('[IBAN_1] and [IBAN_2]');
  });

  it('leaves ordinary numbers, dates and amounts alone', () => {
    const text =
      'Order ORD-1001 of 2026-01-12 arrived on 12.01.2026. Invoice INV-2026-0042 for 129.99 EUR, ticket T-1001, 3 items.';
    expect(redacted(text)).toBe(text);
    expect(redacted('customer number 4111 1111 1111 1112')).toContain('4111 1111 1111 1112');
  });
});

describe('dates of birth', () => {
  for (const text of [
    'born on 12.05.1985',
    'DOB: 1985-05-12',
    'D.O.B. 12/05/85',
    'date of birth: 12 May 1985',
    'geb. 12.05.1985',
    'Geburtsdatum 3. März 1970',
    'I was born in Hamburg on May 3, 1970',
  ])
    it(text, () => {
      const out = redacted(text);
      expect(out).toMatch(/\[DOB_1\]$/);
    });

  it('an unlabelled date stays', () => expect(redacted('delivered on 12.05.2026')).toBe('delivered on 12.05.2026'));
});

describe('addresses', () => {
  for (const address of [
    'Hauptstraße 12, 10115 Berlin',
    'Musterweg 3a',
    'Kerkstraat 12',
    'Am Markt 4',
    'Via Roma 12',
    'Calle Mayor 3',
    '5 rue de Rivoli',
    '221B Baker Street',
    '1600 Pennsylvania Avenue NW',
    'SW1A 1AA',
  ])
    it(address, () => {
      const out = redacted(`Please ship to ${address}. Thank you`);
      expect(out).toBe('Please ship to [ADDRESS_1]. Thank you');
    });

  it('a labelled address up to the end of the line', () => {
    expect(redacted('New address: Flat 2, Rose Cottage, Little Snoring\nThanks')).toBe(
      'New address: [ADDRESS_1]\nThanks',
    );
  });
});

describe("the sender's names, from the message itself", () => {
  it('takes names from headers, greeting and signature, then every later occurrence', () => {
    const text = [
      'From: Anna Schmidt <anna.schmidt@example.de>',
      'To: "Tom Baker" <tom@shop.example>',
      'Dear Mr Baker,',
      'my order is late. Anna needs it, says Ms Schmidt; ANNA SCHMIDT is cross.',
      '',
      'Kind regards,',
      'Anna Schmidt',
      'Musterweg 3a',
      '80331 München',
    ].join('\n');
    const out = redacted(text);
    for (const part of ['Anna', 'Schmidt', 'Baker', 'Tom', 'ANNA', 'Musterweg', '80331'])
      expect(out).not.toContain(part);
    expect(out).toContain('Dear Mr [NAME_');
  });

  it('greetings in several languages and a sign-off on one line', () => {
    for (const [text, name] of [
      ['Hi Anna,\nthanks', 'Anna'],
      ['Sehr geehrter Herr Müller-Lüdenscheidt,\nbitte', 'Müller-Lüdenscheidt'],
      ['Bonjour Madame Dupont,\nmerci', 'Dupont'],
      ['Thanks, Jürgen', 'Jürgen'],
      ['Cheers\n\nJan van der Berg', 'Jan van der Berg'],
      ['mein Name ist Jürgen Weiß.', 'Jürgen Weiß'],
    ] as const)
      expect(redacted(text), text).not.toContain(name);
  });

  it('keeps team names and greetings that are no one', () => {
    const text = 'Dear Customer Service,\nplease help.\n\nThanks,\nCustomer Support';
    expect(redacted(text)).toBe(text);
  });
});

describe('placeholders and masking', () => {
  it('restores the normalised values', () => {
    const { text, mapping } = redactText(
      'IBAN DE89\u00A03704\u00A00044\u00A00532\u00A00130\u00A000, call 030/12345678',
    );
    expect(restorePlaceholders(text, mapping)).toBe('IBAN DE89 3704 0044 0532 0130 00, call 030/12345678');
  });

  it('masks IBANs in any spelling, and leaves other text as it is', () => {
    expect(maskIbans('pay DE89-3704-0044-0532-0130-00 now')).toBe('pay DE89 **** **** 3000 now');
    expect(maskIbans('no\u00A0iban here')).toBe('no\u00A0iban here');
  });
});
