// Loads the cookie plugin's type additions (request.cookies, reply.setCookie).
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { roleMay, type Permission } from '../auth/roles';
import { SESSION_COOKIE, type Session } from '../auth/sessions';
import type { User } from '../store/schema';
import { html } from '../views/html';
import { renderPage, type PageSpec } from '../views/layout';
import { Ui } from '../views/ui';
import type { PortalContext } from './context';
import { safeNextPath } from './next-path';
import { hrefWith } from './request';

export interface SignedIn {
  session: Session;
  user: User;
  ui: Ui;
}

export type PageHandler = (request: FastifyRequest, reply: FastifyReply, who: SignedIn) => Promise<unknown> | unknown;

/** The current layout; with a CSRF token when the page may hold forms that post. */
export function currentUi(ctx: PortalContext, csrfToken?: string): Ui {
  return new Ui(ctx.chaos.layout, csrfToken);
}

export function sendHtml(reply: FastifyReply, markup: string, status = 200): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(markup);
}

export function sendPage(reply: FastifyReply, ui: Ui, spec: PageSpec, status = 200): FastifyReply {
  return sendHtml(reply, renderPage(ui, spec), status);
}

/** Post/redirect/get: 303 so the browser follows with a GET. */
export function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).send();
}

export function setSessionCookie(reply: FastifyReply, session: Session): void {
  reply.setCookie(SESSION_COOKIE, session.id, { path: '/', httpOnly: true, sameSite: 'lax' });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Where to come back after signing in: the page itself for GET; for a form post, the page the form was on. */
function returnPath(request: FastifyRequest): string {
  if (request.method === 'GET') return request.url;
  const referer = request.headers.referer;
  if (referer) {
    try {
      const url = new URL(referer);
      if (url.host === request.headers.host) return safeNextPath(url.pathname + url.search);
    } catch {
      // Unparseable referer: fall back to the start page.
    }
  }
  return '/';
}

/**
 * Wraps a page handler: no valid session means a redirect to the login page, a role without the permission a
 * 403 page, and in both cases the handler never runs.
 */
export function signedIn(ctx: PortalContext, permission: Permission, handler: PageHandler) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const found = ctx.sessions.lookup(request.cookies[SESSION_COOKIE]);
    if (found.status === 'valid' && found.session.stage === 'totp-pending') {
      // Password given, code still missing: finish the sign-in first.
      return redirect(reply, hrefWith('/login/totp', { next: returnPath(request) }));
    }
    const user = found.status === 'valid' ? ctx.store.users.get(found.session.username) : undefined;
    if (found.status !== 'valid' || !user) {
      if (found.status !== 'missing') clearSessionCookie(reply);
      const expired = found.status === 'expired' ? '1' : undefined;
      return redirect(reply, hrefWith('/login', { next: returnPath(request), expired }));
    }
    const ui = currentUi(ctx, ctx.csrf.tokenFor({ session: found.session.id }));
    if (!roleMay(user.role, permission)) {
      ctx.log.warn({ username: user.username, role: user.role, permission, url: request.url }, 'refused: role');
      return sendForbidden(reply, ui, user, 'Your role does not allow this page or action.');
    }
    return handler(request, reply, { session: found.session, user, ui });
  };
}

export function pageUser(user: User): { username: string; displayName: string } {
  return { username: user.username, displayName: user.displayName };
}

export function sendNotFound(reply: FastifyReply, ui: Ui, user: User | null, what: string): FastifyReply {
  return sendPage(
    reply,
    ui,
    {
      title: 'Not found',
      user: user ? pageUser(user) : null,
      body: html`<h1>Not found</h1>${ui.alert(what)}<p><a href="/">Back to the dashboard</a></p>`,
    },
    404,
  );
}

export function sendForbidden(reply: FastifyReply, ui: Ui, user: User | null, why: string): FastifyReply {
  return sendPage(
    reply,
    ui,
    {
      title: 'Not allowed',
      user: user ? pageUser(user) : null,
      body: html`<h1>Not allowed</h1>${ui.alert(why)}<p><a href="/">Back to the dashboard</a></p>`,
    },
    403,
  );
}
