import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../platform/config';
import { forbidden } from '../errors';

/** The origins whose pages may call the codec server: CODEC_CORS_ORIGINS, else the dev server's Temporal UI. */
export function codecOrigins(config: Pick<Config, 'CODEC_CORS_ORIGINS' | 'TEMPORAL_UI_PORT'>): Set<string> {
  const listed = config.CODEC_CORS_ORIGINS?.split(',').map((o) => o.trim().replace(/\/+$/, ''));
  return new Set(
    listed ?? [`http://127.0.0.1:${config.TEMPORAL_UI_PORT}`, `http://localhost:${config.TEMPORAL_UI_PORT}`],
  );
}

/**
 * CORS for the codec routes, as an onRequest hook so refusals carry the headers too (the UI then shows them).
 * A browser request from any other origin is refused outright: the session cookie is sent to every port of
 * this host, and a page elsewhere must not have payloads decoded with it.
 */
export function codecCors(origins: Set<string>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (origin === undefined) return; // Not a browser's cross-origin call (curl, the CLI, tests).
    if (!origins.has(origin)) throw forbidden(`origin ${origin} may not call the codec server (CODEC_CORS_ORIGINS)`);
    reply.headers({
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
    if (request.method === 'OPTIONS') {
      reply.headers({
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'Content-Type, Authorization, X-Namespace',
        'access-control-max-age': '600',
      });
    }
  };
}
