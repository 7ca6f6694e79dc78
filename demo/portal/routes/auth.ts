import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../auth/sessions';
import { isValidTotp } from '../auth/totp';
import type { PortalContext } from '../http/context';
import { clearSessionCookie, currentUi, redirect, sendPage, setSessionCookie } from '../http/pages';
import { formFields, hrefWith, queryString, safeNextPath } from '../http/request';
import { loginBody, totpBody } from '../views/auth';

export function registerAuthRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app.get('/login', async (request, reply) => {
    const next = safeNextPath(queryString(request, 'next') || '/');
    const found = ctx.sessions.lookup(request.cookies[SESSION_COOKIE]);
    if (found.status === 'valid' && found.session.stage === 'authenticated') return redirect(reply, next);
    const ui = currentUi(ctx);
    return sendPage(reply, ui, {
      title: 'Sign in',
      body: loginBody(ui, {
        next,
        expired: queryString(request, 'expired') === '1',
        signedOut: queryString(request, 'signedOut') === '1',
      }),
    });
  });

  app.post('/login', async (request, reply) => {
    const form = formFields(request, ['username', 'password', 'next']);
    const next = safeNextPath(form.next || '/');
    const ui = currentUi(ctx);
    const user =
      form.username && form.password ? await ctx.store.users.authenticate(form.username, form.password) : null;
    if (!user) {
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
    const ui = currentUi(ctx);
    return sendPage(reply, ui, { title: 'Two-factor authentication', body: totpBody(ui, { next }) });
  });

  app.post('/login/totp', async (request, reply) => {
    const form = formFields(request, ['code', 'next']);
    const next = safeNextPath(form.next || '/');
    const found = ctx.sessions.lookup(request.cookies[SESSION_COOKIE]);
    if (found.status !== 'valid' || found.session.stage !== 'totp-pending') {
      return redirect(reply, hrefWith('/login', { next, expired: found.status === 'expired' ? '1' : undefined }));
    }
    const user = ctx.store.users.get(found.session.username);
    const ui = currentUi(ctx);
    if (!user?.totpSecret || !isValidTotp(user.totpSecret, form.code)) {
      const error = 'The authentication code is not valid. Try again.';
      return sendPage(reply, ui, { title: 'Two-factor authentication', body: totpBody(ui, { next, error }) }, 401);
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
