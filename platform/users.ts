import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { fieldErrors } from '../schemas/validation';

export const roles = ['clerk', 'approver', 'manager', 'admin'] as const;

const userSchema = z.object({
  username: z.string().regex(/^[a-z][a-z0-9._-]*$/, 'must be lower-case letters, digits, dot, dash or underscore'),
  displayName: z.string().min(1, 'is required'),
  roles: z.array(z.enum(roles)).min(1, 'must name at least one role'),
  passwordHash: z.string().regex(/^scrypt\$/, 'must be an scrypt hash (npm run hash-password)'),
  /** Where notifications by mail go; a user without one is only notified in the inbox. */
  email: z.email({ message: 'must be an e-mail address like clara@example.com' }).optional(),
});

const usersFileSchema = z.object({ users: z.array(userSchema).min(1, 'must list at least one user') });

export type UserRecord = z.infer<typeof userSchema>;

export interface UserDirectory {
  find(username: string): UserRecord | undefined;
  all(): UserRecord[];
}

/** Reads the users file (YAML) and checks every entry, naming the bad ones. */
export async function loadUsers(file: string): Promise<UserDirectory> {
  const parsed = usersFileSchema.safeParse(parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `${file} is invalid:\n${fieldErrors(parsed.error)
        .map((e) => `  - ${e.path}: ${e.message}`)
        .join('\n')}`,
    );
  }
  const byName = new Map(parsed.data.users.map((u) => [u.username, u]));
  return { find: (username) => byName.get(username), all: () => [...byName.values()] };
}
