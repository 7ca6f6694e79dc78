import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { engineFailures, type FailureCatalogue } from '../../schemas/engine/failures';
import type { FieldError } from '../../schemas/engine/validation';

/** Every refusal the API gives, as `{ error: { code, message, fields? } }` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly fields?: FieldError[],
  ) {
    super(message);
  }

  toBody() {
    return {
      error: { code: this.code, message: this.message, ...(this.fields?.length ? { fields: this.fields } : {}) },
    };
  }
}

export const unauthorized = (message = 'log in first') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);
export const conflict = (message: string) => new ApiError(409, 'conflict', message);
export const invalid = (message: string, fields: FieldError[], code = 'invalid_request') =>
  new ApiError(422, code, message, fields);

const codeByStatus: Record<number, string> = {
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'invalid_request',
  429: 'rate_limited',
  502: 'upstream_refused',
  503: 'unavailable',
};
// Refusals whose code says more than their status does.
const codeByType: Record<string, string> = { TaskFourEyes: 'four_eyes', TaskFormInvalid: 'form_invalid' };

/** The API's answer to a failure from the catalogue (schemas/engine/failures.ts), or undefined if it has none. */
export function apiErrorOf(
  failure: ApplicationFailure,
  catalogues: readonly FailureCatalogue<string>[] = engineFailures,
): ApiError | undefined {
  const type = failure.type ?? '';
  const status = catalogues.find((c) => Object.hasOwn(c.specs, type))?.specs[type]?.status;
  if (!status) return undefined;
  const first = failure.details?.[0];
  const fields = status === 422 && Array.isArray(first) ? (first as FieldError[]) : undefined;
  return new ApiError(status, codeByType[type] ?? codeByStatus[status] ?? 'failed', failure.message, fields);
}

/**
 * Turns what Temporal answered to an Update into an API error: a validator's refusal keeps its meaning
 * (403/409/422); a workflow that has already closed is a 409; anything else is not ours to translate.
 */
export function fromUpdateError(err: unknown, what: string): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type) {
    const known = apiErrorOf(err.cause);
    if (known) return known;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/already completed|workflow execution.*(closed|completed)/i.test(message)) return conflict(`${what} is closed`);
  if (err instanceof WorkflowNotFoundError) return notFound(`${what} does not exist`);
  return err;
}
