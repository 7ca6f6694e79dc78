import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scryptAsync = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

/** scrypt's cost: N = 2^ln, block size r, parallelism p. */
export interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

/** OWASP's recommendation for scrypt: N=2^17, r=8, p=1 (128 MiB per hash). */
export const currentScryptParams: ScryptParams = { ln: 17, r: 8, p: 1 };
/** Node's defaults, which `scrypt$<salt>$<hash>` hashes (without parameters) were made with. */
const legacyScryptParams: ScryptParams = { ln: 14, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

// Parameters outside these bounds are refused rather than run: a hash must not be able to exhaust the server.
const inBounds = ({ ln, r, p }: ScryptParams) => ln >= 10 && ln <= 20 && r >= 1 && r <= 32 && p >= 1 && p <= 4;

const optionsOf = ({ ln, r, p }: ScryptParams): ScryptOptions => {
  const N = 2 ** ln;
  // scrypt needs 128·N·r bytes; Node refuses anything over 32 MiB unless maxmem is raised.
  return { N, r, p, maxmem: 2 * 128 * N * r * p };
};

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
  legacy: boolean;
}

const b64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** `scrypt$ln=17,r=8,p=1$<salt>$<hash>` or the older `scrypt$<salt>$<hash>`; undefined for anything else. */
export function parsePasswordHash(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return undefined;
  let params: ScryptParams;
  let salt: string | undefined;
  let hash: string | undefined;
  if (parts.length === 3) {
    params = legacyScryptParams;
    [, salt, hash] = parts;
  } else if (parts.length === 4) {
    const match = /^ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})$/.exec(parts[1] ?? '');
    if (!match) return undefined;
    params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
    [, , salt, hash] = parts;
  } else return undefined;
  if (!salt || !hash || !b64.test(salt) || !b64.test(hash) || !inBounds(params)) return undefined;
  return { params, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64'), legacy: parts.length === 3 };
}

/** A hash for the users file, with its parameters in it so the cost can rise later without breaking old hashes. */
export async function hashPassword(password: string, params: ScryptParams = currentScryptParams): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const hash = await scryptAsync(password, salt, KEY_LENGTH, optionsOf(params));
  return `scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export interface PasswordCheck {
  ok: boolean;
  /** The hash was made at a lower cost or in the old format: hash the password again with today's parameters. */
  needsRehash: boolean;
}

export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  const parsed = parsePasswordHash(stored);
  if (!parsed || parsed.hash.length < 16) {
    // A broken entry costs as much as a real one, so it cannot be told apart from outside either.
    await verifyPassword(password, await dummyPasswordHash());
    return { ok: false, needsRehash: false };
  }
  const actual = await scryptAsync(password, parsed.salt, parsed.hash.length, optionsOf(parsed.params));
  const ok = timingSafeEqual(actual, parsed.hash);
  const { ln, r, p } = parsed.params;
  const weaker = ln < currentScryptParams.ln || r < currentScryptParams.r || p < currentScryptParams.p;
  return { ok, needsRehash: ok && (parsed.legacy || weaker) };
}

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password at today's cost, made once per process: checking an unknown user's password
 * against it costs what a known user's check costs, so the answer's timing does not tell whether a name exists.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64'));
  return dummy;
}
