import { ApiError } from './errors';

/**
 * How many items one request may hand the engine (e.g. invoices in a batch, each a run of its own): a bigger
 * batch goes through the drop folder or the command line, and one request never starts hundreds of runs.
 */
export const MAX_ITEMS_PER_REQUEST = 100;

/** The refusal of a request with too many items; nothing of it has been started. */
export function tooManyItems(field: string, limit: number, count: number): ApiError {
  return new ApiError(422, 'too_many_items', `the request holds ${count} items; at most ${limit} per request`, [
    { path: field, message: `must hold at most ${limit} items per request (got ${count})` },
  ]);
}
