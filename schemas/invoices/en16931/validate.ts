import { fieldErrors } from '../../engine/validation';
import { checkDecimals } from './check-decimals';
import { checkLines } from './check-lines';
import { checkPaymentAndSeller, checkTotals } from './check-totals';
import { checkVat } from './check-vat';
import { en16931DocumentSchema } from './document';
import type { ValidationResult } from './findings';

/**
 * Checks a document against the EN 16931 rules that decide whether the money is right. Pure: no I/O, no clock.
 * A document that does not even fit the model is refused with the schema's field errors under rule "schema".
 */
export function validateEn16931(input: unknown): ValidationResult {
  const parsed = en16931DocumentSchema.safeParse(input);
  if (!parsed.success) {
    return {
      errors: fieldErrors(parsed.error).map((error) => ({
        rule: 'schema',
        path: error.path,
        term: '',
        message: error.message,
      })),
      warnings: [],
    };
  }
  const doc = parsed.data;
  return {
    errors: [
      ...checkDecimals(doc),
      ...checkTotals(doc),
      ...checkVat(doc),
      ...checkLines(doc),
      ...checkPaymentAndSeller(doc),
    ],
    warnings: [],
  };
}
