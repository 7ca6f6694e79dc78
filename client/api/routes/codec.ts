import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import { payloadCodec } from '../../../platform/data-converter';
import { requireRole } from '../auth/session';
import { codecCors, codecOrigins } from '../codec/cors';
import { fromJson, payloadsBody, toJson } from '../codec/payload-json';
import type { ApiApp, ApiDeps } from '../context';
import { ApiError } from '../errors';

/** Who may read payloads in clear (the Temporal UI's decode) and who may seal new ones (its start/signal forms). */
export const codecDecodeRoles = ['admin', 'auditor'];
export const codecEncodeRoles = ['admin'];

const headers = z.object({ 'x-namespace': z.string().max(256).optional() }).loose();
// A history page's payloads together; Temporal refuses single payloads above 2 MB anyway.
const bodyLimit = 8 * 1024 * 1024;

/**
 * The remote codec server of the Temporal UI and CLI (`--codec-endpoint <api>/codec`): the same AES-GCM codec
 * as the workers, behind the API's session. Every decode is logged (who, which namespace, how many payloads),
 * never what was decoded.
 */
export function registerCodecRoutes(app: ApiApp, deps: ApiDeps): void {
  const codec = payloadCodec(deps.config);
  const cors = codecCors(codecOrigins(deps.config));
  const routes = [
    { path: '/codec/decode', roles: codecDecodeRoles, run: (p: Payload[]) => codec.decode(p) },
    { path: '/codec/encode', roles: codecEncodeRoles, run: (p: Payload[]) => codec.encode(p) },
  ];
  for (const route of routes) {
    app.options(route.path, { onRequest: cors, schema: { hide: true } }, async (_request, reply) =>
      reply.status(204).send(),
    );
    app.post(
      route.path,
      {
        // The role is checked before the body is read: a stranger's large body is never parsed.
        onRequest: [cors, async (request) => void requireRole(request, route.roles)],
        bodyLimit,
        schema: {
          tags: ['codec'],
          summary: `Temporal remote codec: ${route.path.endsWith('decode') ? 'decrypts' : 'encrypts'} payloads (roles ${route.roles.join(', ')})`,
          headers,
          body: payloadsBody,
        },
      },
      async (request) => {
        const user = requireRole(request, route.roles);
        const namespace = request.headers['x-namespace'];
        let out: Payload[];
        try {
          out = await route.run(request.body.payloads.map(fromJson));
        } catch (err) {
          throw new ApiError(422, 'codec_failed', (err as Error).message);
        }
        request.log.info(
          { user: user.username, namespace, payloads: out.length, route: route.path },
          'codec request served',
        );
        return { payloads: out.map(toJson) };
      },
    );
  }
}
