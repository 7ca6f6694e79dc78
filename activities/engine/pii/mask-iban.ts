import { bankDetectors } from './bank-detectors';
import { replacePii } from './detector';
import { normaliseText } from './normalise-text';

const ibanDetector = bankDetectors.find((d) => d.kind === 'IBAN')!;

/** Keeps the country, check digits and last four characters, enough to recognise an account, not to use it. */
function masked(iban: string): string {
  const compact = iban.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  return `${compact.slice(0, 4)} **** **** ${compact.slice(-4)}`;
}

/** Every IBAN in a text (in any spelling the redactor knows) masked, for readers who must not see it whole. */
export function maskIbans(text: string): string {
  let found = false;
  const result = replacePii(ibanDetector, normaliseText(text), (iban) => {
    found = true;
    return masked(iban);
  });
  // Text without an IBAN comes back exactly as it was.
  return found ? result : text;
}
