import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ChaosPatch } from '../chaos';
import type { PortalContext } from '../http/context';
import { param, queryString } from '../http/request';
import type { FieldError, Result } from '../store/schema';
import { normalizeVatId } from '../store/validation';
import {
  employeesImportSchema,
  goodsReceiptsImportSchema,
  payrollRunsImportSchema,
  purchaseOrdersImportSchema,
  resetSchema,
  usersImportSchema,
  vendorsImportSchema,
} from './admin-schemas';

import { ADMIN_TOKEN_HEADER, adminTokenMatches } from './admin-token';

export { ADMIN_TOKEN_HEADER };

// Bulk loads (e.g. a 10,000-employee payroll) are large JSON bodies; only these routes accept them, and only
// after the token check, which runs before the body is read.
const ADMIN_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

function badRequest(reply: FastifyReply, problems: Array<{ path: string; message: string }>): FastifyReply {
  return reply.code(400).send({ error: 'invalid request', problems });
}

/** Parses a JSON body with zod; on failure answers 400 listing every problem and returns null. */
function parseBody<S extends z.ZodType>(schema: S, body: unknown, reply: FastifyReply): z.infer<S> | null {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  badRequest(
    reply,
    parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
  return null;
}

function sendResult<T>(reply: FastifyReply, result: Result<T[]>, ids: (item: T) => string): FastifyReply {
  if (!result.ok)
    return badRequest(
      reply,
      result.errors.map((e: FieldError) => ({ path: e.field, message: e.message })),
    );
  return reply.send({ loaded: result.value.length, ids: result.value.map(ids) });
}

/**
 * JSON routes for tests and operators: reset, bulk loads, counts and chaos. They need the admin token
 * header and are exempt from chaos, so a test can always set up and inspect the portal. Without a token
 * they are not registered at all (404).
 */
export function registerAdminRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const token = ctx.adminToken;
  if (token === null) return;
  void app.register(
    async (admin) => {
      admin.addHook('onRoute', (route) => {
        route.bodyLimit ??= ADMIN_BODY_LIMIT_BYTES;
      });
      admin.addHook('onRequest', async (request, reply) => {
        if (!adminTokenMatches(request.headers[ADMIN_TOKEN_HEADER], token)) {
          return reply.code(401).send({ error: `missing or wrong ${ADMIN_TOKEN_HEADER} header` });
        }
      });

      admin.post('/reset', async (request, reply) => {
        const body = parseBody(resetSchema, request.body, reply);
        if (!body) return reply;
        await ctx.store.reset(body.seed);
        ctx.drafts.clear();
        if (body.resetChaos) ctx.chaos.reset();
        ctx.log.warn({ seed: body.seed }, 'store reset');
        return { reset: true, seed: body.seed, counts: ctx.store.counts() };
      });

      admin.get('/counts', async (request) => {
        const vatId = queryString(request, 'vatId');
        const vendorId = queryString(request, 'vendorId');
        const invoiceNumber = queryString(request, 'invoiceNumber');
        return {
          ...ctx.store.counts(),
          sessions: { active: ctx.sessions.activeCount() },
          ...(vatId ? { vendorsWithVatId: ctx.store.vendors.countByVatId(vatId) } : {}),
          ...(vendorId && invoiceNumber ? { invoicesMatching: ctx.store.invoices.count(vendorId, invoiceNumber) } : {}),
        };
      });

      admin.get('/vendors', async (request) => {
        const vatId = queryString(request, 'vatId');
        const all = ctx.store.vendors.all();
        return { vendors: vatId ? all.filter((v) => v.vatId === normalizeVatId(vatId)) : all };
      });

      admin.get('/invoices', async (request) => {
        const page = ctx.store.invoices.search({
          vendorId: queryString(request, 'vendorId'),
          invoiceNumber: queryString(request, 'invoiceNumber'),
          pageSize: 500,
        });
        return { total: page.total, invoices: page.items };
      });

      admin.get('/payroll-runs/:id', async (request, reply) => {
        const run = ctx.store.payroll.getRun(param(request, 'id'));
        if (!run) return reply.code(404).send({ error: `payroll run ${param(request, 'id')} not found` });
        return { summary: ctx.store.payroll.summary(run), run };
      });

      admin.post('/vendors', async (request, reply) => {
        const body = parseBody(vendorsImportSchema, request.body, reply);
        if (!body) return reply;
        return sendResult(reply, await ctx.store.vendors.importMany(body.vendors), (v) => v.id);
      });

      admin.post('/purchase-orders', async (request, reply) => {
        const body = parseBody(purchaseOrdersImportSchema, request.body, reply);
        if (!body) return reply;
        return sendResult(reply, await ctx.store.purchasing.importOrders(body.purchaseOrders), (po) => po.id);
      });

      admin.post('/goods-receipts', async (request, reply) => {
        const body = parseBody(goodsReceiptsImportSchema, request.body, reply);
        if (!body) return reply;
        return sendResult(reply, await ctx.store.purchasing.importReceipts(body.goodsReceipts), (gr) => gr.id);
      });

      admin.post('/employees', async (request, reply) => {
        const body = parseBody(employeesImportSchema, request.body, reply);
        if (!body) return reply;
        return sendResult(reply, await ctx.store.payroll.importEmployees(body.employees), (e) => e.id);
      });

      admin.post('/payroll-runs', async (request, reply) => {
        const body = parseBody(payrollRunsImportSchema, request.body, reply);
        if (!body) return reply;
        return sendResult(reply, await ctx.store.payroll.importRuns(body.payrollRuns), (r) => r.id);
      });

      admin.post('/users', async (request, reply) => {
        const body = parseBody(usersImportSchema, request.body, reply);
        if (!body) return reply;
        const loaded: string[] = [];
        for (const user of body.users) {
          const result = await ctx.store.users.upsert(user);
          if (!result.ok)
            return badRequest(
              reply,
              result.errors.map((e) => ({ path: `users.${user.username}.${e.field}`, message: e.message })),
            );
          loaded.push(result.value.username);
        }
        return { loaded: loaded.length, ids: loaded };
      });

      admin.get('/chaos', async () => ({ settings: ctx.chaos.settings(), stats: ctx.chaos.stats() }));

      admin.post('/chaos', async (request, reply) => {
        try {
          const settings = ctx.chaos.update((request.body ?? {}) as ChaosPatch);
          ctx.log.warn({ settings }, 'chaos changed');
          return { settings };
        } catch (error) {
          if (error instanceof z.ZodError)
            return badRequest(
              reply,
              error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
            );
          throw error;
        }
      });

      admin.post('/chaos/reset', async () => ({ settings: ctx.chaos.reset() }));

      admin.post('/sessions/expire', async () => {
        ctx.chaos.expireSessionsNow();
        return { expired: true };
      });
    },
    { prefix: '/admin' },
  );
}
