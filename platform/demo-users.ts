import { readFileSync } from 'node:fs';
import { scryptSync, timingSafeEqual } from 'node:crypto';
import { parse } from 'yaml';

/**
 * The seed users of config/users.yaml, whose passwords ("<username>-pass") are published in the README. A users
 * file is a demo file when it says so (`demo: true` at its top) or when any of these users still has its demo
 * password, whatever file it was copied into.
 */
export const demoUsernames = [
  'clerk',
  'approver',
  'approver2',
  'manager',
  'manager2',
  'admin',
  'payroll',
  'hr',
  'security',
  'auditor',
];
export const demoPassword = (username: string) => `${username}-pass`;

/** scrypt's cost in a stored hash: `scrypt$ln=17,r=8,p=1$salt$hash`, or Node's defaults for `scrypt$salt$hash`. */
function scryptParts(stored: string): { ln: number; r: number; p: number; salt: string; hash: string } | undefined {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return undefined;
  if (parts.length === 3) return { ln: 14, r: 8, p: 1, salt: parts[1] ?? '', hash: parts[2] ?? '' };
  const cost = /^ln=(\d{1,2}),r=(\d{1,2}),p=(\d)$/.exec(parts[1] ?? '');
  if (parts.length !== 4 || !cost) return undefined;
  return { ln: Number(cost[1]), r: Number(cost[2]), p: Number(cost[3]), salt: parts[2] ?? '', hash: parts[3] ?? '' };
}

/** True when the password matches the stored hash; a hash of unknown form or absurd cost is not checked. */
function matches(password: string, stored: string): boolean {
  const parts = scryptParts(stored);
  if (!parts || parts.ln > 20 || parts.r > 32 || parts.p > 4 || !parts.salt || !parts.hash) return false;
  const expected = Buffer.from(parts.hash, 'base64');
  const N = 2 ** parts.ln;
  const actual = scryptSync(password, Buffer.from(parts.salt, 'base64'), expected.length, {
    N,
    r: parts.r,
    p: parts.p,
    maxmem: 2 * 128 * N * parts.r * parts.p,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export type DemoUsersFinding =
  | { kind: 'unreadable'; reason: string }
  | { kind: 'marked' }
  | { kind: 'demo-passwords'; usernames: string[] }
  | undefined;

/** Why a users file must not serve real users, or undefined when it may. */
export function demoUsersFinding(file: string): DemoUsersFinding {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { kind: 'unreadable', reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
  }
  if ((doc as { demo?: unknown } | null)?.demo === true) return { kind: 'marked' };
  const users = (doc as { users?: unknown } | null)?.users;
  const list = Array.isArray(users) ? (users as { username?: unknown; passwordHash?: unknown }[]) : [];
  const usernames = list
    .filter((u) => typeof u.username === 'string' && demoUsernames.includes(u.username))
    .filter((u) => typeof u.passwordHash === 'string' && matches(demoPassword(u.username as string), u.passwordHash))
    .map((u) => u.username as string);
  return usernames.length > 0 ? { kind: 'demo-passwords', usernames } : undefined;
}
