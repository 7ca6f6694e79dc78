import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import type { Client } from '@temporalio/client';
import Fastify, { LogController } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { taskQueue as taskQueueOf, type Config } from '../../platform/config';
import type { Logger } from '../../platform/logger';
import type { TaskStore } from '../../platform/task-store/task-store';
import { checkSameOrigin } from './auth/same-origin';
import { securityHeaders } from './auth/security-headers';
import { pathOf, sessionUser } from './auth/session';
import { trustedProxies } from './auth/trusted-proxies';
import { createTokenService } from './auth/tokens';
import { loadUsers, type UserDirectory } from '../../platform/users';
import type { ApiApp, ApiDeps } from './context';
import { guardBody } from './body-guard';
import { ApiError, unauthorized } from './errors';
import { isOutage, RETRY_AFTER_SECONDS, unavailable } from './outage';
import { apiTemporalClient } from './temporal-client';
import { registerArtifactRoutes } from './routes/artifacts';
import { registerAuditRoutes } from './routes/audit';
import { registerAuthRoutes } from './routes/auth';
import { registerCodecRoutes } from './routes/codec';
import { registerEventRoutes } from './routes/events';
import { registerProcessRoutes } from './routes/processes';
import { launchersOf } from './processes';
import type { ProcessDefinition } from '../../processes/define-process';
import { allRoles, installedProcesses } from '../../processes/installed';
import { registerTaskActionRoutes } from './routes/task-actions';
import { registerTaskRoutes } from './routes/tasks';
import { serveWeb } from './routes/web';
import { createTaskFeed } from './tasks/task-feed';

/** Routes anyone may call; everything else under /api needs a session. */
const publicRoutes = new Set(['/api/auth/login', '/api/auth/logout', '/api/openapi.json']);

/** `/lines/0/unitPrice` → `lines[0].unitPrice`, the path style of every other field error. */
const dotted = (pointer: string) =>
  pointer
    .split('/')
    .filter(Boolean)
    .reduce((out, key) => (/^\d+$/.test(key) ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');

/** The API: the engine's routes, then each installed process's. */
export async function buildApiApp(deps: ApiDeps, processes: readonly ProcessDefinition[] = installedProcesses) {
  const app = Fastify({
    loggerInstance: deps.logger,
    trustProxy: trustedProxies(deps.config.API_TRUST_PROXY),
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'BPO engine API',
        version: '1.0.0',
        description:
          'Human tasks, the inbox, process launch and audit. Errors are { error: { code, message, fields? } }. ' +
          'A task, run, invoice, ticket or artifact the caller may not see answers 404, as if it did not exist.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'bpo_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });

  // Bad input is refused before any parser sees it.
  app.addHook('preParsing', guardBody);

  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    // The codec server answers the Temporal UI, another origin: its routes admit only CODEC_CORS_ORIGINS themselves.
    if (!pathOf(request).startsWith('/codec/')) checkSameOrigin(request, deps.config.API_PUBLIC_URL);
    request.user = await sessionUser(deps, request);
    const path = pathOf(request);
    if (path.startsWith('/api/') && !publicRoutes.has(path) && !request.user) throw unauthorized();
  });

  // Security headers on every answer (the inbox's pages get their content policy); a route's own policy stays.
  app.addHook('onSend', async (request, reply) => {
    for (const [name, value] of Object.entries(securityHeaders(!pathOf(request).startsWith('/api/'))))
      if (value !== undefined && !reply.hasHeader(name)) reply.header(name, value);
  });

  app.setErrorHandler((err, request, reply) => {
    if (err instanceof ApiError) return reply.status(err.status).send(err.toBody());
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({ path: dotted(v.instancePath), message: v.message ?? 'is invalid' }));
      return reply
        .status(422)
        .send(
          new ApiError(
            422,
            'invalid_request',
            `the request's ${err.validationContext ?? 'input'} is invalid`,
            fields,
          ).toBody(),
        );
    }
    if (isOutage(err)) {
      request.log.warn({ err, url: request.url }, 'a dependency is unavailable');
      return reply.status(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send(unavailable().toBody());
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500)
      return reply.status(status).send(new ApiError(status, 'bad_request', (err as Error).message).toBody());
    // The path only: a query may hold a token or personal data.
    request.log.error({ err, url: pathOf(request) }, 'request failed');
    return reply.status(500).send(new ApiError(500, 'internal', 'something went wrong on the server').toBody());
  });
  app.setNotFoundHandler(serveWeb);

  const feed = createTaskFeed(deps.store, deps.logger);
  app.addHook('onClose', async () => feed.close());

  const api: ApiApp = app;
  registerAuthRoutes(api, deps);
  registerTaskRoutes(api, deps);
  registerTaskActionRoutes(api, deps);
  registerProcessRoutes(api, deps, launchersOf(processes));
  registerAuditRoutes(api, deps);
  registerArtifactRoutes(api, deps);
  registerEventRoutes(api, feed);
  registerCodecRoutes(api, deps);
  for (const process of processes) process.api?.(api, deps);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

export interface StartApiServerOptions {
  config: Config;
  client: Client;
  store: TaskStore;
  logger: Logger;
  /** 0 picks a free port; defaults to API_PORT. */
  port?: number;
  host?: string;
  /** Where launched processes run; defaults to the `main` queue. */
  taskQueue?: string;
  users?: UserDirectory;
  processes?: readonly ProcessDefinition[];
}

/** Starts the HTTP API and the web inbox; `close()` stops both (the store and client stay open). */
export async function startApiServer(
  options: StartApiServerOptions,
): Promise<{ url: string; close: () => Promise<void> }> {
  const { config } = options;
  const processes = options.processes ?? installedProcesses;
  // Temporal calls with deadlines and few retries: an outage answers 503 within seconds (client/api/outage.ts).
  const temporal = apiTemporalClient(options.client, config);
  const deps: ApiDeps = {
    config,
    client: temporal.client,
    store: options.store,
    logger: options.logger.child({ component: 'api' }),
    users: options.users ?? (await loadUsers(config.USERS_FILE, allRoles(processes))),
    tokens: createTokenService(config.SESSION_SECRET, config.SESSION_TTL_HOURS * 3_600_000, options.store.database),
    taskQueue: options.taskQueue ?? taskQueueOf(config, 'main'),
  };
  const app = await buildApiApp(deps, processes);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? config.API_PORT, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const close = async () => {
    await app.close();
    await temporal.close();
  };
  return { url: `http://${host}:${port}`, close };
}
