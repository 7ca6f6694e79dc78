import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { hashPassword } from '../../client/api/auth/passwords';
import { ConfigError, loadConfig } from '../../platform/config';
import { DEVELOPMENT_SESSION_SECRET } from '../../platform/production-safety';
import { safeProductionEnv } from '../helpers/production-env';

const root = resolve(__dirname, '../..');
const demoUsersFile = resolve(root, 'config/users.yaml');

let dir: string;
let safe: Record<string, string>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prod-config-'));
  safe = await safeProductionEnv(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The problems loadConfig names for an environment, or [] when it accepts it. */
function refusals(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('item 3: production refuses unsafe settings, naming each variable', () => {
  it('accepts a production configuration with its own secret, key and users', () => {
    expect(refusals(safe)).toEqual([]);
  });

  it('item 3: refuses the published development SESSION_SECRET, and one left unset', () => {
    expect(refusals({ ...safe, SESSION_SECRET: DEVELOPMENT_SESSION_SECRET })).toEqual([
      expect.stringMatching(/^SESSION_SECRET: is the published development secret/),
    ]);
    expect(refusals({ ...safe, SESSION_SECRET: undefined })).toEqual([expect.stringMatching(/^SESSION_SECRET: /)]);
  });

  it('item 3: refuses a SESSION_SECRET shorter than 32 characters, without repeating it', () => {
    const short = 'x'.repeat(31);
    const problems = refusals({ ...safe, SESSION_SECRET: short });
    expect(problems).toEqual([expect.stringMatching(/^SESSION_SECRET: must be at least 32 characters/)]);
    expect(problems.join('\n')).not.toContain(short);
    expect(refusals({ ...safe, SESSION_SECRET: 'y'.repeat(32) })).toEqual([]);
  });

  it('item 3: refuses the demo users file (marked demo: true)', () => {
    expect(refusals({ ...safe, USERS_FILE: demoUsersFile })).toEqual([
      expect.stringMatching(/^USERS_FILE: .*is the demo users file/),
    ]);
    // The default USERS_FILE is that file.
    expect(refusals({ ...safe, USERS_FILE: undefined })).toEqual([expect.stringMatching(/^USERS_FILE: /)]);
  });

  it('item 3: refuses a copy of the demo users file without its marker: its users still have published passwords', async () => {
    const copy = parse(await readFile(demoUsersFile, 'utf8')) as { demo?: boolean; users: object[] };
    delete copy.demo;
    const file = join(dir, 'copied-users.yaml');
    await writeFile(file, stringify(copy));
    expect(refusals({ ...safe, USERS_FILE: file })).toEqual([
      expect.stringMatching(/^USERS_FILE: .* gives clerk, approver, .*admin.* the published demo password/),
    ]);
  });

  it('item 3: refuses a users file where one seed user got its demo password back, freshly hashed', async () => {
    const file = join(dir, 'one-demo-user.yaml');
    const users = [
      { username: 'ops', displayName: 'Olga', roles: ['admin'], passwordHash: await hashPassword('a long own one') },
      { username: 'admin', displayName: 'Admin', roles: ['admin'], passwordHash: await hashPassword('admin-pass') },
    ];
    await writeFile(file, stringify({ users }));
    expect(refusals({ ...safe, USERS_FILE: file })).toEqual([
      expect.stringMatching(/^USERS_FILE: .* gives admin the published demo password/),
    ]);
  });

  it('item 3: refuses a users file it cannot read', () => {
    expect(refusals({ ...safe, USERS_FILE: join(dir, 'missing.yaml') })).toEqual([
      expect.stringMatching(/^USERS_FILE: .*cannot be read \(ENOENT\)/),
    ]);
  });

  it('item 3: refuses a missing PII_VAULT_KEY', () => {
    expect(refusals({ ...safe, PII_VAULT_KEY: undefined })).toEqual([expect.stringMatching(/^PII_VAULT_KEY: /)]);
  });

  it('item 3: names every unsafe variable at once', () => {
    const problems = refusals({ NODE_ENV: 'production' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['SESSION_SECRET', 'USERS_FILE', 'PII_VAULT_KEY']),
    );
  });

  it('leaves development and tests on their defaults', () => {
    expect(refusals({ NODE_ENV: 'development' })).toEqual([]);
    expect(refusals({ NODE_ENV: 'test' })).toEqual([]);
  });

  it('item 3: the API with the compose defaults of old exits before it listens, naming the variables', async () => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', API_PORT: '0' };
    const run = promisify(execFile)(join(root, 'node_modules/.bin/tsx'), ['client/api/main.ts'], {
      cwd: root,
      env,
      timeout: 60_000,
    });
    const failure = await run.then(
      () => expect.unreachable('the API started'),
      (err: { code?: number; stdout: string; stderr: string }) => err,
    );
    expect(failure.code).toBe(2);
    expect(failure.stderr).toMatch(/SESSION_SECRET: is the published development secret/);
    expect(failure.stderr).toMatch(/USERS_FILE: /);
    expect(failure.stdout).not.toMatch(/listening/);
  });
});
