import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TaskErrorType } from '../../schemas/engine/human-task';
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

const byFailureType: Record<string, (failure: ApplicationFailure) => ApiError> = {
  [TaskErrorType.forbidden]: (f) => forbidden(f.message),
  [TaskErrorType.fourEyes]: (f) => new ApiError(403, 'four_eyes', f.message),
  [TaskErrorType.conflict]: (f) => conflict(f.message),
  [TaskErrorType.formInvalid]: (f) =>
    invalid(f.message, (f.details?.[0] as FieldError[] | undefined) ?? [], 'form_invalid'),
  [TaskErrorType.invalid]: (f) => invalid(f.message, (f.details?.[0] as FieldError[] | undefined) ?? []),
};

/**
 * Turns what Temporal answered to an Update into an API error: a validator's refusal keeps its meaning
 * (403/409/422); a workflow that has already closed is a 409; anything else is not ours to translate.
 */
export function fromUpdateError(err: unknown, what: string): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type) {
    const map = byFailureType[err.cause.type];
    if (map) return map(err.cause);
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/already completed|workflow execution.*(closed|completed)/i.test(message)) return conflict(`${what} is closed`);
  if (err instanceof WorkflowNotFoundError) return notFound(`${what} does not exist`);
  return err;
}
