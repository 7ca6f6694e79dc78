import { z } from 'zod';
import { verifyPassword } from '../auth/passwords';
import { requireUser, SESSION_COOKIE, sessionClaims, setSessionCookie } from '../auth/session';
import type { ApiApp, ApiDeps } from '../context';
import { unauthorized } from '../errors';

const userSchema = z.object({ username: z.string(), displayName: z.string(), roles: z.array(z.string()) });

export function registerAuthRoutes(app: ApiApp, deps: ApiDeps): void {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in; the token also comes back as the httpOnly cookie bpo_session',
        body: z.object({
          username: z.string().trim().min(1, 'is required'),
          password: z.string().min(1, 'is required'),
        }),
        response: { 200: z.object({ token: z.string(), user: userSchema }) },
      },
    },
    async (request, reply) => {
      const record = deps.users.find(request.body.username);
      // The same answer for an unknown user and a wrong password, so names cannot be probed.
      const ok = record ? await verifyPassword(request.body.password, record.passwordHash) : false;
      if (!record || !ok) throw unauthorized('wrong username or password');
      const { token } = deps.tokens.issue(record.username);
      setSessionCookie(reply, token, deps.config.SESSION_TTL_HOURS * 3600, deps.config.NODE_ENV === 'production');
      return { token, user: { username: record.username, displayName: record.displayName, roles: [...record.roles] } };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Log out: the token stops working' } },
    async (request, reply) => {
      const claims = sessionClaims(deps, request);
      if (claims) deps.tokens.revoke(claims);
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
