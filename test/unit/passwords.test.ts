import { randomBytes, scryptSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { hashPassword, parsePasswordHash, verifyPassword } from '../../client/api/auth/passwords';

/** A hash as the users file stored them before parameters were written into it: Node's default cost. */
function legacyHash(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(password, salt, 32).toString('base64')}`;
}

describe('password hashes (item 10)', () => {
  it("item 10: new hashes use OWASP's scrypt cost (N=2^17, r=8, p=1, 32-byte key) and say so in the hash", async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(parsePasswordHash(hash)).toMatchObject({ params: { ln: 17, r: 8, p: 1 }, legacy: false });
    expect(parsePasswordHash(hash)?.hash).toHaveLength(32);
    expect(await verifyPassword('correct horse', hash)).toEqual({ ok: true, needsRehash: false });
    expect(await verifyPassword('correct horse ', hash)).toEqual({ ok: false, needsRehash: false });
  });

  it('item 10: an old `scrypt$salt$hash` still verifies at Node’s default cost and is flagged for rehash', async () => {
    const old = legacyHash('clerk-pass');
    expect(parsePasswordHash(old)).toMatchObject({ params: { ln: 14, r: 8, p: 1 }, legacy: true });
    expect(await verifyPassword('clerk-pass', old)).toEqual({ ok: true, needsRehash: true });
    // A wrong password is not worth flagging: nothing was learnt about the right one.
    expect(await verifyPassword('clerk-pas', old)).toEqual({ ok: false, needsRehash: false });
  });

  it('item 10: a hash below today’s cost verifies and is flagged; absurd or broken parameters are refused', async () => {
    const cheap = await hashPassword('pw', { ln: 12, r: 8, p: 1 });
    expect(cheap).toMatch(/^scrypt\$ln=12,r=8,p=1\$/);
    expect(await verifyPassword('pw', cheap)).toEqual({ ok: true, needsRehash: true });
    const [, , salt, key] = cheap.split('$');
    for (const stored of [
      `scrypt$ln=30,r=8,p=1$${salt}$${key}`, // 2^30 would take gigabytes: refused, not run
      `scrypt$ln=12,r=99,p=1$${salt}$${key}`,
      `scrypt$N=4096,r=8,p=1$${salt}$${key}`,
      `bcrypt$ln=12,r=8,p=1$${salt}$${key}`,
      'scrypt$unused',
      '',
    ])
      expect(parsePasswordHash(stored), stored).toBeUndefined();
    // Refused without running scrypt on them (a broken entry costs a dummy check, as an unknown user does).
    expect(await verifyPassword('pw', `scrypt$ln=30,r=8,p=1$${salt}$${key}`)).toEqual({
      ok: false,
      needsRehash: false,
    });
  });

  it('item 10: the demo users file holds only hashes at today’s cost, for the documented `<user>-pass`', async () => {
    const file = parse(await readFile('config/users.yaml', 'utf8')) as {
      users: { username: string; passwordHash: string }[];
    };
    expect(file.users.length).toBeGreaterThan(0);
    for (const user of file.users) expect(user.passwordHash, user.username).toMatch(/^scrypt\$ln=17,r=8,p=1\$/);
    const clerk = file.users.find((u) => u.username === 'clerk');
    expect(await verifyPassword('clerk-pass', clerk!.passwordHash)).toEqual({ ok: true, needsRehash: false });
  });
});
