import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Tokens that prove a form post comes from a page this portal rendered. A token is an HMAC of the session id
// (or, before sign-in, of a random cookie), so each session has its own token and nothing is stored; the key is
// made at start, as sessions live in memory and end with the process anyway.

/** Name of the hidden form field that carries the token. */
export const CSRF_FIELD = '_csrf';
/** Header a script may use instead of the form field. */
export const CSRF_HEADER = 'x-csrf-token';
/** Cookie that anchors the token of the sign-in form, before there is a session. */
export const LOGIN_CSRF_COOKIE = 'portal_login_csrf';

export type CsrfAnchor = { session: string } | { login: string };

export class CsrfTokens {
  private readonly key = randomBytes(32);

  tokenFor(anchor: CsrfAnchor): string {
    const subject = 'session' in anchor ? `session:${anchor.session}` : `login:${anchor.login}`;
    return createHmac('sha256', this.key).update(subject).digest('base64url');
  }

  /** Constant-time comparison with the token the anchor should have. */
  matches(anchor: CsrfAnchor, given: string | undefined): boolean {
    if (!given) return false;
    const expected = Buffer.from(this.tokenFor(anchor));
    const actual = Buffer.from(given);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /** A fresh random value for the sign-in cookie. */
  static newLoginNonce(): string {
    return randomBytes(24).toString('base64url');
  }
}
