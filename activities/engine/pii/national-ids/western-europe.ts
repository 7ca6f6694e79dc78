/** Germany, Austria, the Netherlands, Belgium, Luxembourg, France and Ireland. */
import { bigMod, compact, digitsOf, passesIso7064Mod11_10, passesLuhn, plausibleDate, weightedSum } from './checks';
import type { NationalIdFormat } from './types';

const alnumValue = (ch: string) => (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);

export const westernEuropeIds: readonly NationalIdFormat[] = [
  {
    id: 'DE Steuer-ID',
    pattern: String.raw`[1-9]\d(?: ?\d{3}){3}`,
    valid: (c) => passesIso7064Mod11_10(digitsOf(c)),
  },
  {
    id: 'DE Personalausweis',
    pattern: String.raw`[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}\d`,
    valid: (c) => {
      const chars = c.toUpperCase();
      const weights = [7, 3, 1];
      const sum = [...chars.slice(0, 9)].reduce((s, ch, i) => s + alnumValue(ch) * weights[i % 3]!, 0);
      return sum % 10 === Number(chars[9]) && /\d/.test(chars.slice(1, 9));
    },
  },
  {
    id: 'AT Sozialversicherungsnummer',
    pattern: String.raw`\d{4} ?\d{6}`,
    valid: (c) => {
      const d = digitsOf(c);
      const check = weightedSum(d, [3, 7, 9, 0, 5, 8, 4, 2, 1, 6]) % 11;
      return check !== 10 && check === Number(d[3]) && plausibleDate(Number(d.slice(4, 6)), Number(d.slice(6, 8)));
    },
  },
  {
    id: 'NL BSN',
    pattern: String.raw`\d{9}|\d{4}\.\d{2}\.\d{3}`,
    // The 11-test: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11.
    valid: (c) => {
      const d = digitsOf(c);
      return !/^0+$/.test(d) && (weightedSum(d, [9, 8, 7, 6, 5, 4, 3, 2]) - Number(d[8])) % 11 === 0;
    },
  },
  {
    id: 'BE Rijksregisternummer',
    pattern: String.raw`\d{2}\.?\d{2}\.?\d{2}[- ]?\d{3}\.?\d{2}`,
    valid: (c) => {
      const d = digitsOf(c);
      const check = Number(d.slice(9));
      return 97 - bigMod(d.slice(0, 9), 97) === check || 97 - bigMod(`2${d.slice(0, 9)}`, 97) === check;
    },
  },
  {
    id: 'LU matricule',
    pattern: String.raw`(?:1[89]|20)\d{2} ?\d{4} ?\d{5}`,
    valid: (c) => {
      const d = digitsOf(c);
      return plausibleDate(Number(d.slice(6, 8)), Number(d.slice(4, 6))) && passesLuhn(d.slice(0, 12));
    },
  },
  {
    id: 'FR NIR',
    pattern: String.raw`[1278] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}`,
    // Key = 97 − (the first 13 digits mod 97); Corsica's 2A and 2B count as 19 and 18.
    valid: (c) => {
      const v = compact(c);
      const body = `${v.slice(0, 5)}${v.slice(5, 7).replace('2A', '19').replace('2B', '18')}${v.slice(7, 13)}`;
      return 97 - bigMod(body, 97) === Number(v.slice(13));
    },
  },
  {
    id: 'IE PPSN',
    pattern: String.raw`\d{7}[A-W][ABHTWX]?`,
    valid: (c) => {
      const v = c.toUpperCase();
      const second = v[8] && v[8] !== 'W' ? v.charCodeAt(8) - 64 : 0;
      const sum = weightedSum(v, [8, 7, 6, 5, 4, 3, 2]) + second * 9;
      return 'WABCDEFGHIJKLMNOPQRSTUV'[sum % 23] === v[7];
    },
  },
];
