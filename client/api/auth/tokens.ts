import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../../platform/database/sql-client';

export interface SessionClaims {
  sub: string;
  jti: string;
  exp: number;
}

/**
 * Session tokens are HMAC-signed claims (`<payload>.<signature>`, base64url): any API process with the secret
 * can check them, so they survive restarts. Logout revokes the token's id in the database, which every API
 * process reads, so a revoked token fails everywhere; a revocation is purged once the token has expired anyway.
 */
export function createTokenService(secret: string, ttlMs: number, db: Queryable, clientId = '') {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

  function claimsOf(token: string, now: number): SessionClaims | undefined {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SessionClaims;
      const valid =
        typeof claims.sub === 'string' &&
        typeof claims.jti === 'string' &&
        typeof claims.exp === 'number' &&
        claims.exp > now;
      return valid ? claims : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    issue(username: string, now = Date.now()): { token: string; claims: SessionClaims } {
      const claims: SessionClaims = { sub: username, jti: randomUUID(), exp: now + ttlMs };
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return { token: `${payload}.${sign(payload)}`, claims };
    },

    /** The token's claims when it is signed by us, unexpired and not revoked by any API process. */
    async verify(token: string, now = Date.now()): Promise<SessionClaims | undefined> {
      const claims = claimsOf(token, now);
      if (!claims) return undefined;
      const revoked = await db.query('SELECT 1 FROM revoked_sessions WHERE jti = $1', [claims.jti]);
      return revoked.length === 0 ? claims : undefined;
    },

    async revoke(claims: SessionClaims, now = Date.now()): Promise<void> {
      await db.query(
        `INSERT INTO revoked_sessions (jti, client_id, username, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (jti) DO NOTHING`,
        [claims.jti, clientId, claims.sub, new Date(claims.exp)],
      );
      // A revocation outlives its token for nothing: the signature check already refuses an expired token.
      await db.query('DELETE FROM revoked_sessions WHERE expires_at <= $1', [new Date(now)]);
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
