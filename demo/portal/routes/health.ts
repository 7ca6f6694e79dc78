import type { FastifyInstance } from 'fastify';
import type { PortalContext } from '../http/context';

export function registerHealthRoute(app: FastifyInstance, ctx: PortalContext): void {
  const startedAt = Date.now();
  app.get('/healthz', async () => ({
    status: 'ok',
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    layout: ctx.chaos.layout,
  }));
}
