/** Sweden, Denmark, Finland, Estonia, Lithuania and Latvia. */
import { digitsOf, passesLuhn, plausibleDate, weightedSum } from './checks';
import type { NationalIdFormat } from './types';

const hetuChars = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** Estonia's and Lithuania's isikukood/asmens kodas: two weight rounds, mod 11. */
function balticCheck(d: string): number {
  const first = weightedSum(d, [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11;
  if (first < 10) return first;
  const second = weightedSum(d, [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11;
  return second < 10 ? second : 0;
}

export const nordicBalticIds: readonly NationalIdFormat[] = [
  {
    id: 'SE personnummer',
    pattern: String.raw`(?:19|20)?\d{6}[-+]\d{4}`,
    // Luhn over YYMMDDNNNC; coordination numbers add 60 to the day.
    valid: (c) => {
      const d = digitsOf(c).slice(-10);
      const day = Number(d.slice(4, 6));
      return passesLuhn(d) && plausibleDate(day > 60 ? day - 60 : day, Number(d.slice(2, 4)));
    },
  },
  {
    id: 'DK CPR',
    pattern: String.raw`\d{6}-\d{4}`,
    // Since 2007 not every CPR number passes mod 11, so the date is the check.
    valid: (c) => plausibleDate(Number(c.slice(0, 2)), Number(c.slice(2, 4))),
  },
  {
    id: 'FI HETU',
    pattern: String.raw`\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]`,
    valid: (c) => {
      const v = c.toUpperCase();
      return (
        plausibleDate(Number(v.slice(0, 2)), Number(v.slice(2, 4))) &&
        hetuChars[Number(v.slice(0, 6) + v.slice(7, 10)) % 31] === v[10]
      );
    },
  },
  {
    id: 'EE/LT isikukood',
    pattern: String.raw`[1-6]\d{10}`,
    valid: (c) => plausibleDate(Number(c.slice(5, 7)), Number(c.slice(3, 5))) && balticCheck(c) === Number(c[10]),
  },
  {
    id: 'LV personas kods',
    pattern: String.raw`\d{6}-\d{5}`,
    // Codes issued since 2017 start with 32 and carry no date or check digit.
    valid: (c) => {
      const d = digitsOf(c);
      if (d.startsWith('32')) return true;
      const check = (1101 - weightedSum(d, [1, 6, 3, 7, 9, 10, 5, 8, 4, 2])) % 11;
      return plausibleDate(Number(d.slice(0, 2)), Number(d.slice(2, 4))) && check === Number(d[10]);
    },
  },
];
