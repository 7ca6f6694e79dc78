/** Poland, Czechia, Slovakia, Hungary, Romania, Bulgaria, Croatia and Slovenia. */
import { bigMod, digitsOf, passesIso7064Mod11_10, plausibleDate, weightedSum } from './checks';
import type { NationalIdFormat } from './types';

/** Month fields that encode sex or century (PESEL +20/+40/+60/+80, EGN +20/+40, rodné číslo +20/+50/+70). */
const monthOf = (mm: number, offsets: readonly number[]) => offsets.map((o) => mm - o).find((m) => m >= 1 && m <= 12);

/** Czech and Slovak birth numbers: date part plus serial; ten-digit ones are multiples of 11. */
function birthNumberDate(d: string): boolean {
  const month = monthOf(Number(d.slice(2, 4)), [0, 20, 50, 70]);
  const day = Number(d.slice(4, 6));
  return month !== undefined && day >= 1 && day <= 31;
}
const birthNumberMod11 = (d: string) => bigMod(d, 11) === 0 || (bigMod(d.slice(0, 9), 11) === 10 && d.endsWith('0'));

export const centralEasternEuropeIds: readonly NationalIdFormat[] = [
  {
    id: 'CZ/SK rodné číslo (with slash)',
    pattern: String.raw`\d{6}/\d{3,4}`,
    // The slash spelling is distinctive on its own: a mistyped check digit is still someone's birth number.
    valid: (c) => birthNumberDate(digitsOf(c)),
  },
  {
    id: 'CZ/SK rodné číslo',
    pattern: String.raw`\d{10}`,
    valid: (c) => birthNumberDate(c) && birthNumberMod11(c),
  },
  {
    id: 'PL PESEL',
    pattern: String.raw`\d{11}`,
    valid: (c) => {
      const check = (10 - (weightedSum(c, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10;
      const month = monthOf(Number(c.slice(2, 4)), [0, 20, 40, 60, 80]);
      return check === Number(c[10]) && month !== undefined && plausibleDate(Number(c.slice(4, 6)), month);
    },
  },
  {
    id: 'HU TAJ',
    pattern: String.raw`\d{3} ?\d{3} ?\d{3}`,
    valid: (c) => {
      const d = digitsOf(c);
      return weightedSum(d, [3, 7, 3, 7, 3, 7, 3, 7]) % 10 === Number(d[8]);
    },
  },
  {
    id: 'HU személyi szám',
    pattern: String.raw`[1-8] ?\d{6} ?\d{4}`,
    valid: (c) => {
      const d = digitsOf(c);
      const asc = weightedSum(d, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) % 11;
      const desc = weightedSum(d, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]) % 11;
      return (
        plausibleDate(Number(d.slice(5, 7)), Number(d.slice(3, 5))) && (asc === Number(d[10]) || desc === Number(d[10]))
      );
    },
  },
  {
    id: 'RO CNP',
    pattern: String.raw`[1-9]\d{12}`,
    valid: (c) => {
      const sum = weightedSum(c, [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11;
      return (sum === 10 ? 1 : sum) === Number(c[12]) && plausibleDate(Number(c.slice(5, 7)), Number(c.slice(3, 5)));
    },
  },
  {
    id: 'BG EGN',
    pattern: String.raw`\d{10}`,
    valid: (c) => {
      const sum = weightedSum(c, [2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11;
      const month = monthOf(Number(c.slice(2, 4)), [0, 20, 40]);
      return (
        (sum === 10 ? 0 : sum) === Number(c[9]) && month !== undefined && plausibleDate(Number(c.slice(4, 6)), month)
      );
    },
  },
  { id: 'HR OIB', pattern: String.raw`\d{11}`, valid: (c) => passesIso7064Mod11_10(c) },
  {
    id: 'SI EMŠO',
    pattern: String.raw`\d{13}`,
    valid: (c) => {
      const check = 11 - (weightedSum(c, [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11);
      return (
        check !== 10 &&
        (check === 11 ? 0 : check) === Number(c[12]) &&
        plausibleDate(Number(c.slice(0, 2)), Number(c.slice(2, 4)))
      );
    },
  },
];
