import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { serverErrorPage } from '../views/errors';
import type { PortalContext } from './context';
import { currentUi, sendHtml } from './pages';

/** Test controls and the health check are never disturbed by chaos. */
export function isChaosExempt(url: string): boolean {
  return (
    url === '/healthz' ||
    url.startsWith('/healthz?') ||
    url === '/admin' ||
    url.startsWith('/admin/') ||
    url === '/favicon.ico'
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs first for every request (before the body is parsed or any handler runs): adds latency and,
 * when the dice say so, answers 500 right away. Because the decision precedes handling, an injected
 * failure never applies any change.
 */
export function installChaosHook(app: FastifyInstance, ctx: PortalContext): void {
  app.addHook('onRequest', async (request, reply) => {
    if (isChaosExempt(request.url)) return;
    const decision = ctx.chaos.decide();
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.fail) {
      const reference = `CHAOS-${randomBytes(4).toString('hex').toUpperCase()}`;
      ctx.log.warn({ method: request.method, url: request.url, reference }, 'chaos: injected HTTP 500');
      return sendHtml(reply, serverErrorPage(currentUi(ctx), reference), 500);
    }
  });
}
