import { randomBytes, timingSafeEqual } from 'node:crypto';

// The admin routes reset and load the whole store, so their token is never a built-in value: the operator
// configures one (long enough not to be guessed), an in-process caller gets a random one, or the routes are off.

export const ADMIN_TOKEN_HEADER = 'x-portal-admin-token';
export const ADMIN_TOKEN_MIN_LENGTH = 32;

/**
 * The token to expect: the given one (refused when short), a random one when undefined (the caller reads it back
 * from the running portal), or null (admin routes off).
 */
export function resolveAdminToken(given: string | null | undefined): string | null {
  if (given === null) return null;
  if (given === undefined) return randomBytes(32).toString('base64url');
  if (given.length < ADMIN_TOKEN_MIN_LENGTH)
    throw new Error(`the portal admin token must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters`);
  return given;
}

export function adminTokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
