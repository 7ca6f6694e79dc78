import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { fieldErrors } from '../schemas/engine/validation';

/**
 * The engine's own roles; installed processes add theirs (see `allRoles` in processes/installed.ts). An
 * `auditor` may read decrypted payloads through the codec server (the Temporal UI), and decides nothing.
 */
export const engineRoles = ['clerk', 'approver', 'manager', 'admin', 'auditor'] as const;

const userSchema = (roles: readonly string[]) =>
  z.object({
    username: z
      .string()
      .regex(/^[a-z][a-z0-9._-]*$/, 'must be lower-case letters, digits, dot, dash or underscore')
      // Service identities (drop folder, CLI) are named svc-…: no person may sign in as one.
      .refine((name) => !name.startsWith('svc-'), 'must not start with svc-, which names service identities'),
    displayName: z.string().min(1, 'is required'),
    roles: z
      .array(z.string().refine((role) => roles.includes(role), { error: `must be one of ${roles.join(', ')}` }))
      .min(1, 'must name at least one role'),
    passwordHash: z.string().regex(/^scrypt\$/, 'must be an scrypt hash (npm run hash-password)'),
    /** Where notifications by mail go; a user without one is only notified in the inbox. */
    email: z.email({ message: 'must be an e-mail address like clara@example.com' }).optional(),
  });

const usersFileSchema = (roles: readonly string[]) =>
  z.object({ users: z.array(userSchema(roles)).min(1, 'must list at least one user') });

export type UserRecord = z.infer<ReturnType<typeof userSchema>>;

export interface UserDirectory {
  find(username: string): UserRecord | undefined;
  all(): UserRecord[];
}

/** Reads the users file (YAML) and checks every entry, naming the bad ones; `roles` are the roles users may hold. */
export async function loadUsers(file: string, roles: readonly string[]): Promise<UserDirectory> {
  const parsed = usersFileSchema(roles).safeParse(parse(await readFile(file, 'utf8')));
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
