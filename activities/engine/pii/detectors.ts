import { addressDetectors } from './address-detectors';
import { bankDetectors } from './bank-detectors';
import { birthDateDetectors } from './birth-date-detector';
import { emailDetectors, phoneDetectors } from './contact-detectors';
import type { PiiDetector } from './detector';
import { nationalIdFormats } from './national-ids';

export type { PiiDetector, PiiKind } from './detector';

/** Each national id format between non-word boundaries, kept only when its check holds. */
const formatDetectors: PiiDetector[] = nationalIdFormats.map((format) => ({
  kind: 'NATIONAL_ID',
  pattern: new RegExp(String.raw`(?<![\p{L}\p{N}/.-])(?:${format.pattern})(?![\p{L}\p{N}]|[/.-]\p{N})`, 'giu'),
  accept: (value) => (format.valid(value) ? value : undefined),
}));

/** An id after its label is one whatever its format (passports, foreign ids, formats without a check). */
const labelledId: PiiDetector = {
  kind: 'NATIONAL_ID',
  pattern:
    /(?<![\p{L}])(?:national (?:id|insurance)(?: number| no\.?)?|id (?:card )?(?:number|no\.?)|identity (?:card|number)|passport(?: number| no\.?)?|personalausweis(?:nummer)?|reisepass(?:nummer)?|ausweisnummer|steuer-?id|steuer-identifikationsnummer|sozialversicherungsnummer|bsn|burgerservicenummer|ssn|social security(?: number| no\.?)?|tax id|tin|nino|ppsn?|pesel|nif|nie|dni|codice fiscale|nir|cpr|personnummer|henkilötunnus|hetu|rodné číslo|isikukood|asmens kodas|cnp|egn|oib|emšo|amka)\s*[:#]?\s*([A-Z0-9][A-Z0-9 /.-]{4,20}[A-Z0-9])(?![\p{L}\p{N}])/giu,
  // The label may be followed by ordinary words ("SSN for verification"): an id holds at least two digits.
  accept: (value) => ((value.match(/\d/g)?.length ?? 0) >= 2 ? value.trim() : undefined),
};

/**
 * Applied in this order to normalised text: e-mail first (it may contain digits), then the validated numbers
 * (IBAN, card, national ids), labelled birth dates, addresses, and phone numbers last because their pattern is
 * the loosest. Names learned from the message are replaced after these (see the redactor).
 */
export const piiDetectors: readonly PiiDetector[] = [
  ...emailDetectors,
  ...bankDetectors,
  ...formatDetectors,
  labelledId,
  ...birthDateDetectors,
  ...addressDetectors,
  ...phoneDetectors,
];
