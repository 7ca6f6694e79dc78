import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiDeps, ApiUser } from '../context';
import { forbidden, unauthorized } from '../errors';

export const SESSION_COOKIE = 'bpo_session';

/** The token from `Authorization: Bearer`, the session cookie, or (for EventSource) `?token=`. */
function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return cookie;
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.token === 'string' ? query.token : undefined;
}

/** The user behind the request's token, with roles as the users file says today. */
export function sessionUser(deps: Pick<ApiDeps, 'tokens' | 'users'>, request: FastifyRequest): ApiUser | null {
  const token = tokenOf(request);
  const claims = token ? deps.tokens.verify(token) : undefined;
  const user = claims ? deps.users.find(claims.sub) : undefined;
  return user ? { username: user.username, displayName: user.displayName, roles: [...user.roles] } : null;
}

export function sessionClaims(deps: Pick<ApiDeps, 'tokens'>, request: FastifyRequest) {
  const token = tokenOf(request);
  return token ? deps.tokens.verify(token) : undefined;
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

export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: maxAgeSeconds, secure });
}
