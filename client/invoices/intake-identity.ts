import type { FieldError } from '../../schemas/engine/validation';

/**
 * Who submits an invoice decides who may not approve it (four-eyes), so it comes from the authenticated caller
 * or a configured service identity, never from the document: a document that names a submitter is refused.
 */
export interface IntakeIdentity {
  submittedBy: string;
}

/** The fields a document may not set because the intake sets them from the caller. */
export const callerFields = ['submittedBy'] as const;

export const callerFieldMessage = 'is set from your login, not from the document; remove it';

/** Field errors for every caller field a document's items carry, e.g. `invoices[2].submittedBy` or `row 4 …`. */
export function callerFieldClaims(items: unknown[], places: string[] = []): FieldError[] {
  const claims: FieldError[] = [];
  items.forEach((item, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return;
    for (const field of callerFields) {
      const value = (item as Record<string, unknown>)[field];
      if (value === undefined || value === null || value === '') continue;
      const where = places[index] ?? (items.length > 1 ? `[${index}]` : '');
      claims.push({ path: where ? `${where}.${field}` : field, message: callerFieldMessage });
    }
  });
  return claims;
}
