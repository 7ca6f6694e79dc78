import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiDeps, ApiUser } from '../context';
import { forbidden, unauthorized } from '../errors';

export const SESSION_COOKIE = 'bpo_session';
/** The one route that takes `?token=`: EventSource cannot send a header. Anywhere else a URL token would leak. */
export const EVENT_STREAM_PATH = '/api/events';

export const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? '';

/** How the request authenticated, which decides whether it needs a same-origin check. */
export type Credential = { token: string; via: 'header' | 'cookie' | 'query' };

/** The token from `Authorization: Bearer`, the session cookie, or `?token=` on the event stream only. */
export function credentialOf(request: FastifyRequest): Credential | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice('Bearer '.length).trim(), via: 'header' };
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return { token: cookie, via: 'cookie' };
  if (request.method !== 'GET' || pathOf(request) !== EVENT_STREAM_PATH) return undefined;
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.token === 'string' ? { token: query.token, via: 'query' } : undefined;
}

/** The user behind the request's token, with roles as the users file says today. */
export async function sessionUser(
  deps: Pick<ApiDeps, 'tokens' | 'users'>,
  request: FastifyRequest,
): Promise<ApiUser | null> {
  const claims = await sessionClaims(deps, request);
  const user = claims ? deps.users.find(claims.sub) : undefined;
  return user ? { username: user.username, displayName: user.displayName, roles: [...user.roles] } : null;
}

export async function sessionClaims(deps: Pick<ApiDeps, 'tokens'>, request: FastifyRequest) {
  const credential = credentialOf(request);
  return credential ? deps.tokens.verify(credential.token) : undefined;
}

export function requireUser(request: FastifyRequest): ApiUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

export function requireRole(request: FastifyRequest, roles: readonly string[]): ApiUser {
  const user = requireUser(request);
  if (!user.roles.some((r) => roles.includes(r))) throw forbidden(`this needs one of the roles ${roles.join(', ')}`);
  return user;
}

/**
 * httpOnly so no script reads it; SameSite=Strict so no navigation from another site carries it (the inbox's
 * page itself needs no session, its own calls do). Other ports on the host are the same site: see same-origin.ts.
 */
export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    maxAge: maxAgeSeconds,
    secure,
  });
}
