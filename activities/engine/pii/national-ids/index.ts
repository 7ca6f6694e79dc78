import { centralEasternEuropeIds } from './central-eastern-europe';
import { nordicBalticIds } from './nordic-baltic';
import { southernEuropeIds } from './southern-europe';
import type { NationalIdFormat } from './types';
import { ukUsIds } from './uk-us';
import { westernEuropeIds } from './western-europe';

export type { NationalIdFormat } from './types';

/** Every national id format the redactor knows; the first whose check passes claims a match. */
export const nationalIdFormats: readonly NationalIdFormat[] = [
  ...ukUsIds,
  ...westernEuropeIds,
  ...southernEuropeIds,
  ...nordicBalticIds,
  ...centralEasternEuropeIds,
];
