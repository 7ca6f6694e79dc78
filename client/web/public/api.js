// The one place that talks HTTP to the engine's API: JSON in, JSON out, errors as ApiError.

export class ApiError extends Error {
  constructor(status, code, message, fields) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields ?? [];
  }
}

/** Calls `/api${path}`; the session travels as the httpOnly cookie, which the browser adds by itself. */
export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
  }
  const text = await response.text();
  let payload;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (!response.ok) {
    const error = payload?.error ?? {};
    throw new ApiError(
      response.status,
      error.code ?? `http_${response.status}`,
      error.message ?? response.statusText,
      error.fields,
    );
  }
  return payload;
}

const prefixes = {
  400: 'The request was not understood',
  401: 'You are not signed in, or your session has expired. Please log in again',
  403: 'Not allowed',
  404: 'Not found',
  409: 'This task has changed and does not allow that now',
  422: 'Please correct the highlighted fields',
};

/** A sentence a human agent can act on, for any error an API call throws. */
export function describeError(err) {
  if (!(err instanceof ApiError)) return `Something went wrong: ${err?.message ?? String(err)}`;
  const prefix = prefixes[err.status];
  if (!prefix) return err.status === 0 ? err.message : `Server error (${err.status}): ${err.message}`;
  // 401 and 422 have their own wording; the others show the server's reason after the prefix.
  if (err.status === 401) return `${prefix}.`;
  if (!err.message || err.message === prefix) return `${prefix}.`;
  return `${prefix}: ${err.message}`;
}
