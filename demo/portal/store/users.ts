import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import type { JsonDatabase } from './database';
import type { FieldError, Result, User } from './schema';

// A modest scrypt cost: this is a stand-in system, but passwords are still never stored in clear.
const SCRYPT_COST = { N: 4096, r: 8, p: 1 };
const KEY_LENGTH = 32;

export function hashPasswordSync(password: string, salt: string): string {
  return scryptSync(password, salt, KEY_LENGTH, SCRYPT_COST).toString('hex');
}

function hashPassword(password: string, salt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, SCRYPT_COST, (error, key) =>
      error ? reject(error) : resolve(key.toString('hex')),
    );
  });
}

/** Seed users get a salt derived from their name so the seed file is byte-for-byte reproducible. */
export function deterministicSalt(username: string): string {
  return createHash('sha256').update(`portal-seed:${username}`).digest('hex').slice(0, 32);
}

export interface NewUserInput {
  username: string;
  password: string;
  displayName?: string | undefined;
  role?: User['role'] | undefined;
  totpSecret?: string | null | undefined;
}

export class UserRepository {
  constructor(private readonly db: JsonDatabase) {}

  get(username: string): User | undefined {
    const name = username.trim().toLowerCase();
    return this.db.data.users.find((u) => u.username === name);
  }

  all(): readonly User[] {
    return this.db.data.users;
  }

  /** The user when the password matches, else null (same work either way, so timing does not tell). */
  async authenticate(username: string, password: string): Promise<User | null> {
    const user = this.get(username);
    const salt = user?.passwordSalt ?? 'no-such-user-salt';
    const actual = Buffer.from(await hashPassword(password, salt), 'hex');
    const expected = Buffer.from(user?.passwordHash ?? '00'.repeat(KEY_LENGTH), 'hex');
    const match = actual.length === expected.length && timingSafeEqual(actual, expected);
    return user && match ? user : null;
  }

  /** Adds a user or replaces one with the same name (admin route, e.g. one account per bot). */
  async upsert(input: NewUserInput): Promise<Result<User>> {
    const errors: FieldError[] = [];
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9._-]{2,40}$/.test(username))
      errors.push({ field: 'username', message: 'username must be 2-40 characters of a-z, 0-9, . _ -' });
    if (input.password.length < 4)
      errors.push({ field: 'password', message: 'password must be at least 4 characters' });
    if (errors.length > 0) return { ok: false, errors };
    const salt = randomBytes(16).toString('hex');
    const user: User = {
      username,
      displayName: input.displayName ?? username,
      role: input.role ?? 'clerk',
      passwordSalt: salt,
      passwordHash: await hashPassword(input.password, salt),
      totpSecret: input.totpSecret ?? null,
    };
    const users = this.db.data.users;
    const at = users.findIndex((u) => u.username === username);
    if (at >= 0) users[at] = user;
    else users.push(user);
    await this.db.commit();
    return { ok: true, value: user };
  }
}
