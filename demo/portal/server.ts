import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { CsrfTokens } from './auth/csrf';
import { SessionStore } from './auth/sessions';
import { TotpAttempts } from './auth/totp-attempts';
import { Chaos, DEFAULT_CHAOS, type ChaosSettings } from './chaos';
import { isChaosExempt, installChaosHook } from './http/chaos-hook';
import type { PortalContext } from './http/context';
import { installCsrfGuard } from './http/csrf-guard';
import { currentUi, sendHtml } from './http/pages';
import { InvoiceDrafts } from './invoice-drafts';
import { createPortalLogger, type Logger } from './logger';
import { registerAdminRoutes } from './routes/admin';
import { resolveAdminToken } from './routes/admin-token';
import { registerAuthRoutes } from './routes/auth';
import { registerDashboardRoute } from './routes/dashboard';
import { registerHealthRoute } from './routes/health';
import { registerInvoiceEntryRoutes } from './routes/invoice-entry';
import { registerInvoiceRoutes } from './routes/invoices';
import { registerPayrollRoutes } from './routes/payroll';
import { registerPurchasingRoutes } from './routes/purchasing';
import { registerVendorRoutes } from './routes/vendors';
import { PortalStore, type SeedKind } from './store';
import { notFoundPage, serverErrorPage } from './views/errors';

export interface StartPortalOptions {
  /** 0 picks a free port; the real one is in the returned url. Default 3100. */
  port?: number;
  host?: string;
  /** Where portal-store.json lives. Default .data/portal. */
  dataDir?: string;
  /**
   * Value expected in the x-portal-admin-token header (at least 32 characters). Undefined: a random token, read
   * it back from the running portal; null: no admin routes (they answer 404).
   */
  adminToken?: string | null;
  logLevel?: string;
  /** Pass a logger to share one; else a pino logger at logLevel (default 'warn'). */
  logger?: Logger;
  /** Data written on first start (when the store file does not exist yet). Default 'default'. */
  seed?: SeedKind;
  /** Initial chaos settings (env defaults apply for the CLI). */
  chaos?: Partial<ChaosSettings>;
}

export interface RunningPortal {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  /** Null when the admin routes are off. */
  adminToken: string | null;
  store: PortalStore;
  chaos: Chaos;
  sessions: SessionStore;
  app: FastifyInstance;
  /** Stops accepting requests, waits for in-flight ones and for pending store writes. */
  close(): Promise<void>;
}

// Pages post small forms; larger bodies are refused (413) before they are read. Admin bulk loads and the
// sign-in forms set their own limits.
const BODY_LIMIT_BYTES = 1024 * 1024;

export async function startPortal(options: StartPortalOptions = {}): Promise<RunningPortal> {
  const log = options.logger ?? createPortalLogger(options.logLevel ?? 'warn');
  const store = await PortalStore.open(options.dataDir ?? '.data/portal', options.seed ?? 'default');
  const chaos = new Chaos({ ...DEFAULT_CHAOS, ...options.chaos });
  const sessions = new SessionStore({
    ttlSeconds: () => chaos.sessionTtlSeconds,
    validAfter: () => chaos.sessionsValidAfter,
  });
  const adminToken = resolveAdminToken(options.adminToken);
  const ctx: PortalContext = {
    store,
    chaos,
    sessions,
    drafts: new InvoiceDrafts(),
    adminToken,
    csrf: new CsrfTokens(),
    totp: new TotpAttempts(),
    log,
  };

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
  });
  await app.register(formbody);
  await app.register(cookie);
  installChaosHook(app, ctx);
  installCsrfGuard(app, ctx);

  registerHealthRoute(app, ctx);
  registerAdminRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerDashboardRoute(app, ctx);
  registerVendorRoutes(app, ctx);
  registerPurchasingRoutes(app, ctx);
  registerInvoiceRoutes(app, ctx);
  registerInvoiceEntryRoutes(app, ctx);
  registerPayrollRoutes(app, ctx);

  app.setNotFoundHandler((request, reply) => {
    if (isChaosExempt(request.url)) return reply.code(404).send({ error: 'not found' });
    return sendHtml(reply, notFoundPage(currentUi(ctx)), 404);
  });
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) log.error({ err: error, url: request.url }, 'request failed');
    if (isChaosExempt(request.url)) return reply.code(status).send({ error: error.message });
    const reference = `ERR-${randomBytes(4).toString('hex').toUpperCase()}`;
    return sendHtml(reply, serverErrorPage(currentUi(ctx), reference), status);
  });

  await app.listen({ port: options.port ?? 3100, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 3100);
  const host = options.host ?? '127.0.0.1';
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  log.info({ url, dataDir: options.dataDir, seeded: store.seeded }, 'portal listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    adminToken,
    store,
    chaos,
    sessions,
    app,
    close() {
      closing ??= (async () => {
        await app.close();
        await store.flush();
      })();
      return closing;
    },
  };
}
