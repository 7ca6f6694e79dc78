import { actorKeyProblems } from './actor-keys';
import type { Config } from './config';
import { demoUsersFinding } from './demo-users';
import { payloadKeyProblems } from './payload-codec/keys';

/** The session secret a fresh checkout runs with: published in this repository, so anyone can forge its tokens. */
export const DEVELOPMENT_SESSION_SECRET = 'dev-only-session-secret-change-me';
const MIN_SESSION_SECRET_LENGTH = 32;

/**
 * One thing production must not run with. It returns its problems, each starting with the variable to change
 * ("SESSION_SECRET: …"), or nothing when the setting is safe.
 */
export type ProductionCheck = (config: Config) => string | string[] | undefined;

const sessionSecret: ProductionCheck = ({ SESSION_SECRET }) => {
  if (SESSION_SECRET === DEVELOPMENT_SESSION_SECRET)
    return 'SESSION_SECRET: is the published development secret; anyone could sign sessions (set a random value of 32+ characters)';
  if (SESSION_SECRET.length < MIN_SESSION_SECRET_LENGTH)
    return `SESSION_SECRET: must be at least ${MIN_SESSION_SECRET_LENGTH} characters in production (got ${SESSION_SECRET.length})`;
  return undefined;
};

const usersFile: ProductionCheck = ({ USERS_FILE }) => {
  const finding = demoUsersFinding(USERS_FILE);
  if (!finding) return undefined;
  if (finding.kind === 'unreadable') return `USERS_FILE: ${USERS_FILE} cannot be read (${finding.reason})`;
  if (finding.kind === 'marked')
    return `USERS_FILE: ${USERS_FILE} is the demo users file (its passwords are published); mount a users file of your own`;
  return `USERS_FILE: ${USERS_FILE} gives ${finding.usernames.join(', ')} the published demo password; change them or mount another file`;
};

const piiVaultKey: ProductionCheck = ({ PII_VAULT_KEY }) =>
  PII_VAULT_KEY
    ? undefined
    : 'PII_VAULT_KEY: must be set in production; without it the key is a file next to the data it protects';

/** Every check production runs; a new one is one more entry. */
export const productionChecks: ProductionCheck[] = [
  sessionSecret,
  usersFile,
  piiVaultKey,
  payloadKeyProblems,
  actorKeyProblems,
];

/** What is unsafe about a production configuration (empty outside production, and when all is well). */
export function productionProblems(config: Config, checks: readonly ProductionCheck[] = productionChecks): string[] {
  if (config.NODE_ENV !== 'production') return [];
  return checks.flatMap((check) => check(config) ?? []);
}
