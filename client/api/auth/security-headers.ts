import type { OutgoingHttpHeaders } from 'node:http';

/**
 * The inbox's Content-Security-Policy: scripts, styles and connections only from this origin (no inline script,
 * no eval), never framed (clickjacking), no plugins, forms and <base> kept home.
 */
export const inboxContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** For JSON and other API answers: nothing in them may run or be framed. */
const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

/** Headers every answer carries; `page` picks the inbox's policy over the API's. */
export function securityHeaders(page: boolean): OutgoingHttpHeaders {
  return {
    'content-security-policy': page ? inboxContentSecurityPolicy : apiContentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // Links out of the inbox tell other sites nothing about the task they came from.
    'referrer-policy': 'same-origin',
  };
}
