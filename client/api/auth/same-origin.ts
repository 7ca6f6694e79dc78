import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { credentialOf, SESSION_COOKIE } from './session';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `https://host:port` of a URL, or undefined when it is not one (e.g. `null` from a sandboxed frame). */
function originOf(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Where the request says it comes from: the Origin header, else the Referer's origin. */
const senderOf = (request: FastifyRequest) =>
  request.headers.origin !== undefined ? originOf(request.headers.origin) : originOf(request.headers.referer);

/**
 * Is the sender the API itself? API_PUBLIC_URL's origin when set; else (and also) the host the request was sent
 * to, compared without the scheme since a proxy may end TLS: a browser sends a site's cookie only to that host.
 */
function isOwnOrigin(sender: URL, request: FastifyRequest, publicUrl: string | undefined): boolean {
  const own = originOf(publicUrl);
  if (own && own.origin === sender.origin) return true;
  return !!request.headers.host && sender.host === request.headers.host.toLowerCase();
}

const refusal = (reason: string) => new ApiError(403, 'cross_origin_refused', reason);

/**
 * Cross-site request forgery defence. A state-changing request that the browser authenticates by itself (the
 * session cookie) must say it comes from the API's own origin; one with an Authorization header cannot be
 * forged by another site. A login that names an Origin must name ours, so no other site can log a browser in.
 */
export function checkSameOrigin(request: FastifyRequest, publicUrl: string | undefined): void {
  if (!stateChanging.has(request.method)) return;
  if (credentialOf(request)?.via === 'header') return;
  const announced = request.headers.origin !== undefined || request.headers.referer !== undefined;
  const hasCookie = request.cookies?.[SESSION_COOKIE] !== undefined;
  if (!announced && !hasCookie) return;
  if (!announced)
    throw refusal('a request authenticated by the session cookie must carry an Origin header naming this site');
  const sender = senderOf(request);
  if (!sender || !isOwnOrigin(sender, request, publicUrl))
    throw refusal(`requests from ${sender?.origin ?? 'an unknown origin'} may not change anything here`);
}
