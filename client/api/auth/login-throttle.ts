import type { Queryable } from '../../../platform/database/sql-client';

export interface ThrottleLimit {
  /** Failed logins allowed in the window; the next attempt is refused until the lockout ends. */
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
}

export interface LoginThrottleOptions {
  perUser: ThrottleLimit;
  perIp: ThrottleLimit;
  now?: () => number;
  /** The client (tenant) the counters belong to; one shared space until clients arrive. */
  clientId?: string;
}

type Scope = 'user' | 'ip';

/**
 * Counts an attempt before the password is checked, so a burst of parallel guesses cannot slip past the limit:
 * the window restarts once it (or a lockout) has passed; an attempt over the limit starts the lockout.
 */
const beginSql = `
  INSERT INTO login_attempts AS a (client_id, scope, subject, failures, window_started_at, locked_until)
  VALUES ($1, $2, $3, 1, $4, CASE WHEN 1 > $6 THEN $7::timestamptz END)
  ON CONFLICT (client_id, scope, subject) DO UPDATE SET
    failures = CASE
      WHEN a.locked_until > $4 THEN a.failures
      WHEN a.window_started_at <= $5 OR a.locked_until <= $4 THEN 1
      ELSE a.failures + 1 END,
    window_started_at = CASE
      WHEN a.locked_until > $4 THEN a.window_started_at
      WHEN a.window_started_at <= $5 OR a.locked_until <= $4 THEN $4
      ELSE a.window_started_at END,
    locked_until = CASE
      WHEN a.locked_until > $4 THEN a.locked_until
      WHEN a.window_started_at <= $5 OR a.locked_until <= $4 THEN CASE WHEN 1 > $6 THEN $7::timestamptz END
      WHEN a.failures + 1 > $6 THEN $7::timestamptz
      ELSE NULL END
  RETURNING locked_until`;

/** Login throttling per user name and per source address, kept in the database so every API replica agrees. */
export function createLoginThrottle(db: Queryable, options: LoginThrottleOptions) {
  const now = options.now ?? Date.now;
  const clientId = options.clientId ?? '';
  const limitOf = (scope: Scope) => (scope === 'user' ? options.perUser : options.perIp);
  // User names are matched as typed but without case or surrounding space, so `Clerk ` shares clerk's counter.
  const subjectOf = (scope: Scope, value: string) => (scope === 'user' ? value.trim().toLowerCase() : value);

  async function count(scope: Scope, value: string, at: number): Promise<number> {
    const limit = limitOf(scope);
    const rows = await db.query<{ locked_until: Date | string | null }>(beginSql, [
      clientId,
      scope,
      subjectOf(scope, value),
      new Date(at),
      new Date(at - limit.windowMs),
      limit.maxFailures,
      new Date(at + limit.lockoutMs),
    ]);
    const lockedUntil = rows[0]?.locked_until;
    return lockedUntil ? Math.max(0, new Date(lockedUntil).getTime() - at) : 0;
  }

  return {
    /**
     * Counts a login attempt for the user name and the address; answers how long the caller must wait
     * (milliseconds, 0 when the attempt may go ahead). An attempt counts as a failure until it succeeds.
     */
    async begin(username: string, ip: string): Promise<{ retryAfterMs: number }> {
      const at = now();
      // A locked address does not count against the user names it tries, so it cannot lock people out.
      const address = await count('ip', ip, at);
      if (address > 0) return { retryAfterMs: address };
      return { retryAfterMs: await count('user', username, at) };
    },

    /** The password was right: the user's failures are forgotten and the address's attempt is taken back. */
    async succeeded(username: string, ip: string): Promise<void> {
      await db.query('DELETE FROM login_attempts WHERE client_id = $1 AND scope = $2 AND subject = $3', [
        clientId,
        'user',
        subjectOf('user', username),
      ]);
      await db.query(
        `UPDATE login_attempts SET failures = GREATEST(failures - 1, 0)
         WHERE client_id = $1 AND scope = 'ip' AND subject = $2 AND locked_until IS NULL`,
        [clientId, ip],
      );
    },

    /** The password was wrong: the attempt stays counted; rows nobody needs any more are purged. */
    async failed(): Promise<void> {
      const at = now();
      const oldestWindow = Math.max(options.perUser.windowMs, options.perIp.windowMs);
      await db.query(
        `DELETE FROM login_attempts
         WHERE client_id = $1 AND window_started_at <= $2 AND (locked_until IS NULL OR locked_until <= $3)`,
        [clientId, new Date(at - oldestWindow), new Date(at)],
      );
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
