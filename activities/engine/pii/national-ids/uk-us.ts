/** The United Kingdom's National Insurance number and the United States' Social Security number. */
import type { NationalIdFormat } from './types';

const ninoRefusedPrefixes = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export const ukUsIds: readonly NationalIdFormat[] = [
  {
    id: 'US SSN',
    pattern: String.raw`\d{3}[- ]\d{2}[- ]\d{4}`,
    // Never issued: area 000, 666 or 9xx, group 00, serial 0000.
    valid: (c) => {
      const [area, group, serial] = c.split(/[- ]/);
      return !(area === '000' || area === '666' || area!.startsWith('9') || group === '00' || serial === '0000');
    },
  },
  {
    id: 'GB NINO',
    pattern: String.raw`[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]`,
    valid: (c) => !ninoRefusedPrefixes.has(c.slice(0, 2).toUpperCase()),
  },
];
