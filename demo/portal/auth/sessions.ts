import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'portal_session';
/** A half-finished sign-in (password done, code pending) lasts this long. */
const PENDING_TTL_MS = 5 * 60 * 1000;
const SWEEP_EVERY = 1000;

export interface Session {
  id: string;
  username: string;
  /** 'totp-pending' sessions may only open the code page. */
  stage: 'authenticated' | 'totp-pending';
  createdAt: number;
}

export type SessionLookup = { status: 'valid'; session: Session } | { status: 'expired' } | { status: 'missing' };

export interface SessionPolicy {
  ttlSeconds(): number;
  /** Sessions created before this instant (ms) count as expired. */
  validAfter(): number;
}

/**
 * Server-side sessions kept in memory: a restart signs everybody out, as in many legacy systems.
 * Expiry is checked on every look-up against the live policy, so chaos can shorten it at run time.
 */
export class SessionStore {
  private sessions = new Map<string, Session>();

  constructor(
    private readonly policy: SessionPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  create(username: string, stage: Session['stage']): Session {
    // Bots sign in for every job and rarely sign out: sweep dead sessions now and then so memory stays flat.
    if (this.sessions.size > 0 && this.sessions.size % SWEEP_EVERY === 0) this.activeCount();
    const session: Session = { id: randomBytes(24).toString('base64url'), username, stage, createdAt: this.now() };
    this.sessions.set(session.id, session);
    return session;
  }

  lookup(id: string | undefined): SessionLookup {
    if (!id) return { status: 'missing' };
    const session = this.sessions.get(id);
    if (!session) return { status: 'expired' };
    const age = this.now() - session.createdAt;
    const ttl = session.stage === 'totp-pending' ? PENDING_TTL_MS : this.policy.ttlSeconds() * 1000;
    if (age >= ttl || session.createdAt < this.policy.validAfter()) {
      this.sessions.delete(id);
      return { status: 'expired' };
    }
    return { status: 'valid', session };
  }

  /** Second factor passed: a fresh id for the full session (the pending id is dropped). */
  promote(pending: Session): Session {
    this.sessions.delete(pending.id);
    return this.create(pending.username, 'authenticated');
  }

  destroy(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  /** Sessions that would still be accepted now (expired ones are swept on the way). */
  activeCount(): number {
    let active = 0;
    for (const id of [...this.sessions.keys()]) if (this.lookup(id).status === 'valid') active += 1;
    return active;
  }
}
