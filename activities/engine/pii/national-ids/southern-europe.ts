/** Spain, Italy, Portugal, Greece and Malta. */
import { digitsOf, passesLuhn, plausibleDate, weightedSum } from './checks';
import type { NationalIdFormat } from './types';

const dniLetters = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** The codice fiscale's check character: odd and even positions have their own value tables. */
const cfOdd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const cfValue = (ch: string) => (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65);
function codiceFiscaleCheck(code: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i += 1) sum += i % 2 === 0 ? cfOdd[cfValue(code[i]!)]! : cfValue(code[i]!);
  return String.fromCharCode(65 + (sum % 26));
}

export const southernEuropeIds: readonly NationalIdFormat[] = [
  {
    id: 'ES DNI',
    pattern: String.raw`\d{8} ?-?[A-Z]`,
    valid: (c) => dniLetters[Number(digitsOf(c)) % 23] === c.slice(-1).toUpperCase(),
  },
  {
    id: 'ES NIE',
    pattern: String.raw`[XYZ]-?\d{7}-?[A-Z]`,
    valid: (c) => {
      const v = c.toUpperCase();
      const n = Number(`${'XYZ'.indexOf(v[0]!)}${digitsOf(v)}`);
      return dniLetters[n % 23] === v.slice(-1);
    },
  },
  {
    id: 'IT codice fiscale',
    pattern: String.raw`[A-Z]{6}[0-9LMNP-V]{2}[A-EHLMPR-T][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]`,
    valid: (c) => codiceFiscaleCheck(c.toUpperCase()) === c.slice(-1).toUpperCase(),
  },
  {
    id: 'PT NIF',
    pattern: String.raw`[1235689]\d{8}|[1235689]\d{2} \d{3} \d{3}`,
    valid: (c) => {
      const d = digitsOf(c);
      const check = 11 - (weightedSum(d, [9, 8, 7, 6, 5, 4, 3, 2]) % 11);
      return (check >= 10 ? 0 : check) === Number(d[8]);
    },
  },
  {
    id: 'GR AMKA',
    pattern: String.raw`\d{11}`,
    valid: (c) => plausibleDate(Number(c.slice(0, 2)), Number(c.slice(2, 4))) && passesLuhn(c),
  },
  { id: 'MT identity card', pattern: String.raw`\d{7}[MGAPLHBZ]`, valid: () => true },
];
