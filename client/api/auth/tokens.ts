import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export interface SessionClaims {
  sub: string;
  jti: string;
  exp: number;
}

/**
 * Session tokens are HMAC-signed claims (`<payload>.<signature>`, base64url): any API process with the secret
 * can check them, so they survive restarts. Logout revokes the token's id in this process.
 */
export function createTokenService(secret: string, ttlMs: number) {
  const revoked = new Map<string, number>();
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

  return {
    issue(username: string, now = Date.now()): { token: string; claims: SessionClaims } {
      const claims: SessionClaims = { sub: username, jti: randomUUID(), exp: now + ttlMs };
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return { token: `${payload}.${sign(payload)}`, claims };
    },

    verify(token: string, now = Date.now()): SessionClaims | undefined {
      const [payload, signature] = token.split('.');
      if (!payload || !signature) return undefined;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SessionClaims;
        if (
          typeof claims.sub !== 'string' ||
          typeof claims.exp !== 'number' ||
          claims.exp <= now ||
          revoked.has(claims.jti)
        )
          return undefined;
        return claims;
      } catch {
        return undefined;
      }
    },

    revoke(claims: SessionClaims): void {
      revoked.set(claims.jti, claims.exp);
      // Forget revocations once the token would have expired anyway.
      for (const [jti, exp] of revoked) if (exp <= Date.now()) revoked.delete(jti);
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
