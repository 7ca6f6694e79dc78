import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../auth/sessions';
import type { PortalContext } from '../http/context';
import { LOGIN_PATH, loginCsrfToken } from '../http/csrf-guard';
import { safeNextPath } from '../http/next-path';
import { clearSessionCookie, currentUi, redirect, sendPage, setSessionCookie } from '../http/pages';
import { formFields, hrefWith, queryString } from '../http/request';
import { loginBody, totpBody } from '../views/auth';

/** Shown when a code is sent a second time; a bot that signs in twice within 30 seconds waits for the next code. */
export const TOTP_REPLAYED_MESSAGE = 'This code has already been used. Wait for the next code.';

/** Sign-in forms are a few short fields; a larger body is refused (413) before it is read. */
export const LOGIN_BODY_LIMIT_BYTES = 16 * 1024;

export function registerAuthRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app.get(LOGIN_PATH, async (request, reply) => {
    const next = safeNextPath(queryString(request, 'next') || '/');
    const found = ctx.sessions.lookup(request.cookies[SESSION_COOKIE]);
    if (found.status === 'valid' && found.session.stage === 'authenticated') return redirect(reply, next);
    const ui = currentUi(ctx, loginCsrfToken(ctx, request, reply));
    return sendPage(reply, ui, {
      title: 'Sign in',
      body: loginBody(ui, {
        next,
        expired: queryString(request, 'expired') === '1',
        signedOut: queryString(request, 'signedOut') === '1',
      }),
    });
  });

  app.post(LOGIN_PATH, { bodyLimit: LOGIN_BODY_LIMIT_BYTES }, async (request, reply) => {
    const form = formFields(request, ['username', 'password', 'next']);
    const next = safeNextPath(form.next || '/');
    const user =
      form.username && form.password ? await ctx.store.users.authenticate(form.username, form.password) : null;
    if (!user) {
      const ui = currentUi(ctx, loginCsrfToken(ctx, request, reply));
      const error =
        !form.username || !form.password ? 'Enter your username and password.' : 'Invalid username or password.';
      return sendPage(
        reply,
        ui,
        { title: 'Sign in', body: loginBody(ui, { next, username: form.username, error }) },
        401,
      );
    }
    ctx.sessions.destroy(request.cookies[SESSION_COOKIE]);
    if (user.totpSecret) {
      setSessionCookie(reply, ctx.sessions.create(user.username, 'totp-pending'));
      return redirect(reply, hrefWith('/login/totp', { next }));
    }
    setSessionCookie(reply, ctx.sessions.create(user.username, 'authenticated'));
    ctx.log.info({ username: user.username }, 'signed in');
    return redirect(reply, next);
  });

  app.get('/login/totp', async (request, reply) => {
    const next = safeNextPath(queryString(request, 'next') || '/');
    const found = ctx.sessions.lookup(request.cookies[SESSION_COOKIE]);
    if (found.status !== 'valid' || found.session.stage !== 'totp-pending') {
      return redirect(reply, hrefWith('/login', { next, expired: found.status === 'expired' ? '1' : undefined }));
    }
    const ui = currentUi(ctx, ctx.csrf.tokenFor({ session: found.session.id }));
    return sendPage(reply, ui, { title: 'Two-factor authentication', body: totpBody(ui, { next }) });
  });

  app.post('/login/totp', { bodyLimit: LOGIN_BODY_LIMIT_BYTES }, async (request, reply) => {
    const form = formFields(request, ['code', 'next']);
    const next = safeNextPath(form.next || '/');
    const found = ctx.sessions.lookup(request.cookies[SESSION_COOKIE]);
    if (found.status !== 'valid' || found.session.stage !== 'totp-pending') {
      return redirect(reply, hrefWith('/login', { next, expired: found.status === 'expired' ? '1' : undefined }));
    }
    const user = ctx.store.users.get(found.session.username);
    const outcome = user?.totpSecret ? ctx.totp.check(user.username, user.totpSecret, form.code) : 'wrong';
    if (!user || outcome !== 'accepted') {
      const ui = currentUi(ctx, ctx.csrf.tokenFor({ session: found.session.id }));
      const error =
        outcome === 'locked'
          ? 'Too many wrong codes. Two-factor sign-in for this account is locked for a while.'
          : outcome === 'replayed'
            ? TOTP_REPLAYED_MESSAGE
            : 'The authentication code is not valid. Try again.';
      ctx.log.warn({ username: found.session.username, outcome }, 'second factor refused');
      const status = outcome === 'locked' ? 429 : 401;
      return sendPage(reply, ui, { title: 'Two-factor authentication', body: totpBody(ui, { next, error }) }, status);
    }
    setSessionCookie(reply, ctx.sessions.promote(found.session));
    ctx.log.info({ username: user.username }, 'signed in with second factor');
    return redirect(reply, next);
  });

  app.post('/logout', async (request, reply) => {
    ctx.sessions.destroy(request.cookies[SESSION_COOKIE]);
    clearSessionCookie(reply);
    return redirect(reply, '/login?signedOut=1');
  });
}
