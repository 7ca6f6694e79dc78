import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { hashPassword } from '../../client/api/auth/passwords';

/**
 * The settings production insists on (platform/production-safety.ts), made fresh for a test: a random session
 * secret, a PII vault key, a payload key, an actor signing key and a users file of its own (written into `dir`) whose only user has a random password.
 */
export async function safeProductionEnv(dir: string): Promise<Record<string, string>> {
  const usersFile = join(dir, 'users.yaml');
  const user = {
    username: 'ops',
    displayName: 'Olga Operator',
    roles: ['admin'],
    passwordHash: await hashPassword(randomBytes(18).toString('base64')),
  };
  await writeFile(usersFile, stringify({ users: [user] }));
  return {
    NODE_ENV: 'production',
    SESSION_SECRET: randomBytes(36).toString('base64'),
    PII_VAULT_KEY: randomBytes(32).toString('base64'),
    ACTOR_SIGNING_KEYS: `test-${randomBytes(4).toString('hex')}:${randomBytes(32).toString('base64')}`,
    PAYLOAD_KEYS: `test-${randomBytes(4).toString('hex')}:${randomBytes(32).toString('base64')}`,
    USERS_FILE: usersFile,
  };
}
