import { z } from 'zod';
import type { Candidates } from '../../../schemas/engine/human-task';
import type { UserDirectory } from '../../../platform/users';

export interface MailRecipients {
  /** Distinct addresses, sorted. */
  addresses: string[];
  /** Addressees that no address was found for, said the way an operator fixes it. */
  unreachable: string[];
}

const address = z.email();

/**
 * Turns addressees into mail addresses: a user's `email` from the users file, every user who holds a named
 * role, and a plain address as is (an invoice's submitter may be one).
 */
export function mailRecipients(to: Candidates | string, users: UserDirectory): MailRecipients {
  const wanted = typeof to === 'string' ? { users: [to], roles: [] } : to;
  const addresses = new Set<string>();
  const unreachable: string[] = [];
  for (const name of wanted.users) {
    if (address.safeParse(name).success) {
      addresses.add(name);
      continue;
    }
    const user = users.find(name);
    if (user?.email) addresses.add(user.email);
    else unreachable.push(user ? `user ${name} has no email` : `user ${name} is not in the users file`);
  }
  for (const role of wanted.roles) {
    const holders = users.all().filter((u) => (u.roles as readonly string[]).includes(role));
    if (holders.length === 0) unreachable.push(`no user holds the role ${role}`);
    for (const user of holders) {
      if (user.email) addresses.add(user.email);
      else unreachable.push(`user ${user.username} (role ${role}) has no email`);
    }
  }
  return { addresses: [...addresses].sort(), unreachable };
}
