import { z } from 'zod';
import { createLoginThrottle } from '../auth/login-throttle';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords';
import { requireUser, SESSION_COOKIE, sessionClaims, setSessionCookie } from '../auth/session';
import type { ApiApp, ApiDeps } from '../context';
import { ApiError, unauthorized } from '../errors';

const userSchema = z.object({ username: z.string(), displayName: z.string(), roles: z.array(z.string()) });
const minutes = (n: number) => n * 60_000;

export function registerAuthRoutes(app: ApiApp, deps: ApiDeps): void {
  const { config } = deps;
  const throttle = createLoginThrottle(deps.store.database, {
    perUser: {
      maxFailures: config.LOGIN_MAX_FAILURES_PER_USER,
      windowMs: minutes(config.LOGIN_FAILURE_WINDOW_MINUTES),
      lockoutMs: minutes(config.LOGIN_LOCKOUT_MINUTES),
    },
    perIp: {
      maxFailures: config.LOGIN_MAX_FAILURES_PER_IP,
      windowMs: minutes(config.LOGIN_FAILURE_WINDOW_MINUTES),
      lockoutMs: minutes(config.LOGIN_LOCKOUT_MINUTES),
    },
  });

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in; the token also comes back as the httpOnly cookie bpo_session',
        description:
          'Too many failed logins for a user name or from one address answer 429 with Retry-After until the lockout ends.',
        body: z.object({
          username: z.string().trim().min(1, 'is required').max(200, 'is longer than 200 characters'),
          password: z.string().min(1, 'is required').max(1024, 'is longer than 1024 characters'),
        }),
        response: { 200: z.object({ token: z.string(), user: userSchema }) },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const { retryAfterMs } = await throttle.begin(username, request.ip);
      if (retryAfterMs > 0) {
        const seconds = Math.ceil(retryAfterMs / 1000);
        reply.header('retry-after', String(seconds));
        throw new ApiError(
          429,
          'too_many_attempts',
          `too many failed logins for this user or from this address; try again in ${Math.ceil(seconds / 60)} minute(s)`,
        );
      }
      const record = deps.users.find(username);
      // An unknown user's password is checked against a dummy hash of the same cost: the same answer in the same
      // time as a wrong password, so names cannot be probed.
      const check = await verifyPassword(password, record?.passwordHash ?? (await dummyPasswordHash()));
      if (!record || !check.ok) {
        await throttle.failed();
        throw unauthorized('wrong username or password');
      }
      await throttle.succeeded(username, request.ip);
      if (check.needsRehash)
        request.log.warn(
          { username: record.username },
          "this user's password hash is older or cheaper than today's scrypt cost: hash it again (npm run hash-password)",
        );
      const { token } = deps.tokens.issue(record.username);
      setSessionCookie(reply, token, config.SESSION_TTL_HOURS * 3600, config.NODE_ENV === 'production');
      return { token, user: { username: record.username, displayName: record.displayName, roles: [...record.roles] } };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Log out: the token stops working on every API process' } },
    async (request, reply) => {
      const claims = await sessionClaims(deps, request);
      if (claims) await deps.tokens.revoke(claims);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/me',
    { schema: { tags: ['auth'], summary: 'The logged-in user', response: { 200: userSchema } } },
    async (request) => requireUser(request),
  );
}
