import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_FIELD, CSRF_HEADER, LOGIN_CSRF_COOKIE, CsrfTokens, type CsrfAnchor } from '../auth/csrf';
import { SESSION_COOKIE } from '../auth/sessions';
import { html } from '../views/html';
import { isChaosExempt } from './chaos-hook';
import type { PortalContext } from './context';
import { currentUi, sendPage } from './pages';

// Every state-changing request must carry the token of the page it came from. SameSite=Lax alone is not enough:
// any other port on the same host counts as the same site. The check runs after the body is parsed and before
// any handler, so a refused post changes nothing.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const LOGIN_PATH = '/login';

function givenToken(request: FastifyRequest): string | undefined {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string' && header) return header;
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  const field = body[CSRF_FIELD];
  return typeof field === 'string' ? field : undefined;
}

/**
 * What the token of this request is bound to: the sign-in cookie for the sign-in form, else the session.
 * Undefined: a post without a valid session, which the page guard turns into a trip to the login page anyway.
 */
function anchorOf(ctx: PortalContext, request: FastifyRequest): CsrfAnchor | null | undefined {
  if (request.routeOptions.url === LOGIN_PATH) {
    const nonce = request.cookies[LOGIN_CSRF_COOKIE];
    return nonce ? { login: nonce } : null;
  }
  const found = ctx.sessions.lookup(request.cookies[SESSION_COOKIE]);
  return found.status === 'valid' ? { session: found.session.id } : undefined;
}

function refuse(ctx: PortalContext, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  ctx.log.warn({ method: request.method, url: request.url }, 'refused: missing or wrong CSRF token');
  const ui = currentUi(ctx);
  return sendPage(
    reply,
    ui,
    {
      title: 'Form expired',
      body: html`<h1>Form expired</h1>${ui.alert('This form has expired or did not come from this portal. Open the page again and resubmit.')}`,
    },
    403,
  );
}

export function installCsrfGuard(app: FastifyInstance, ctx: PortalContext): void {
  app.addHook('preHandler', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || isChaosExempt(request.url)) return;
    const anchor = anchorOf(ctx, request);
    if (anchor === undefined) return;
    if (anchor === null || !ctx.csrf.matches(anchor, givenToken(request))) return refuse(ctx, request, reply);
  });
}

/** The sign-in form's token, setting the cookie it is bound to when the browser has none yet. */
export function loginCsrfToken(ctx: PortalContext, request: FastifyRequest, reply: FastifyReply): string {
  let nonce = request.cookies[LOGIN_CSRF_COOKIE];
  if (!nonce) {
    nonce = CsrfTokens.newLoginNonce();
    reply.setCookie(LOGIN_CSRF_COOKIE, nonce, { path: LOGIN_PATH, httpOnly: true, sameSite: 'lax' });
  }
  return ctx.csrf.tokenFor({ login: nonce });
}
