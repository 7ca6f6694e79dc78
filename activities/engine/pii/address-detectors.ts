import type { PiiDetector } from './detector';

const word = String.raw`[\p{Lu}][\p{L}'.-]*`;
const houseNumber = String.raw`\d{1,5}(?:\s?[a-zA-Z](?![\p{L}]))?(?:\s?[-/]\s?\d{1,5})?`;
/** A postcode and town that follow a street: "10115 Berlin", "75008 Paris", "SW1A 1AA London". */
const town = String.raw`[\p{Lu}][\p{L}'-]*(?:\s(?:am|an der|upon|on|sur|im)\s[\p{Lu}][\p{L}'-]*)?`;
const townTail = String.raw`(?:,?\s+(?:[A-Z]{1,2}-)?\d{4,5}(?:\s?[A-Z]{2})?\s+${town})?`;

/** German, Dutch, Scandinavian … street names end in a street word: Hauptstraße 5, Kerkstraat 12, Storgatan 3. */
const streetSuffix =
  'straße|strasse|str\\.|gasse|weg|allee|platz|damm|ufer|chaussee|straat|laan|gracht|plein|gatan|vägen|vej|gade|katu|utca';
/** Capitalised words before the name: Rue de Rivoli 5, Via Roma 12, Calle Mayor 3, Am Markt 4, ul. Długa 4. */
const streetPrefix =
  'Rue|Avenue|Boulevard|Chemin|Via|Viale|Piazza|Corso|Calle|Avenida|Plaza|Paseo|Rua|Travessa|Largo|ul\\.|Ulica|Aleja|Am|An der|Auf der|Im|In der';
/** French and Italian put the number first: 5 rue de Rivoli, 12 avenue des Champs-Élysées. */
const numberFirstPrefix = 'rue|avenue|av\\.|boulevard|bd|chemin|allée|impasse|quai';
/** English street types after the name: 221B Baker Street, 1600 Pennsylvania Avenue NW. */
const streetType =
  'Street|St\\.?|Avenue|Ave\\.?|Road|Rd\\.?|Lane|Ln\\.?|Drive|Dr\\.?|Boulevard|Blvd\\.?|Way|Court|Ct\\.?|Place|Pl\\.?|Terrace|Close|Crescent|Square|Sq\\.?|Parkway|Highway|Hwy\\.?';

export const addressDetectors: readonly PiiDetector[] = [
  {
    kind: 'ADDRESS',
    pattern: new RegExp(
      String.raw`(?<![\p{L}])(?:${word}(?:[ -]${word}){0,2}(?:${streetSuffix})|${word}(?:[ -]${word}){0,2}[ -](?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse))\s+${houseNumber}${townTail}`,
      'gu',
    ),
  },
  {
    kind: 'ADDRESS',
    pattern: new RegExp(
      String.raw`(?<![\p{L}])(?:${streetPrefix})\s+(?:[\p{L}'.-]+\s+){1,3}?${houseNumber}(?![\d])${townTail}`,
      'gu',
    ),
  },
  {
    kind: 'ADDRESS',
    pattern: new RegExp(
      String.raw`(?<![\p{L}\p{N}])\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:${numberFirstPrefix})\s+[\p{L}'-]+(?:[ \t]+[\p{L}'-]+){0,3}${townTail}`,
      'giu',
    ),
  },
  {
    kind: 'ADDRESS',
    pattern: new RegExp(
      String.raw`(?<![\p{L}\p{N}])\d{1,5}[A-Za-z]?\s+(?:${word}\s+){1,3}(?:${streetType})(?![\p{L}])(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?(?:,?\s+(?:Apt|Suite|Unit|Flat)\.?\s*\w+)?`,
      'gu',
    ),
  },
  // A postcode and town at the start of a line or after a comma: the second line of a postal address.
  {
    kind: 'ADDRESS',
    pattern: new RegExp(String.raw`(?<=^|\n|,\s?)(?:[A-Z]{1,2}-)?\d{4,5}\s+${town}(?=\s*(?:$|\n|,))`, 'gu'),
  },
  // UK postcodes are distinctive on their own.
  { kind: 'ADDRESS', pattern: /(?<![\p{L}\p{N}])[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}(?![\p{L}\p{N}])/gu },
  // Labelled: "Address: …", "Anschrift: …", "lives at …" up to the end of the line.
  {
    kind: 'ADDRESS',
    pattern:
      /(?<![\p{L}])(?:(?:home |postal |street |billing |shipping |new )?address|anschrift|adresse|wohnhaft in|lives at|dirección|indirizzo)\s*:\s*([^\n]{5,160})/giu,
  },
];
