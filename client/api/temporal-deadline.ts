import { Connection, type CallContext, type Client } from '@temporalio/client';
import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * Attempts per Temporal call for the API's own connection: retries of an unreachable server are over in under a
 * second (100, 200, 400 ms of backoff), so a request answers 503 at once instead of after the SDK's 20 s.
 */
export const API_TEMPORAL_ATTEMPTS = 4;

/**
 * Gives every Temporal call a route handler makes its own deadline, `timeoutMs` from when that call starts.
 * Without one, a call on a connection that hangs waits without end, and on a client with the SDK's default
 * retries an unreachable server takes about 20 seconds to fail; with it, an outage surfaces within the timeout and
 * the error handler answers 503. A per-call (not per-request) deadline keeps a long request such as a bulk
 * completion working while the server is up: each of its calls gets the full time.
 */
export function temporalDeadlineHook(client: Client, timeoutMs: number) {
  const connection = client.connection;
  return (route: RouteOptions): void => {
    const handler = route.handler;
    if (!(connection instanceof Connection)) {
      // Another kind of connection: one deadline for the whole request, the SDK's own way.
      route.handler = function (this: FastifyInstance, request, reply) {
        return connection.withDeadline(Date.now() + timeoutMs, async () => handler.call(this, request, reply));
      } as typeof handler;
      return;
    }
    const storage = connection.callContextStorage;
    route.handler = function (this: FastifyInstance, request, reply) {
      const outer = storage.getStore() ?? {};
      // The SDK reads `deadline` as each call starts, so a getter makes the deadline relative to that call.
      const context: CallContext = {
        ...outer,
        get deadline() {
          return Date.now() + timeoutMs;
        },
      };
      return storage.run(context, () => handler.call(this, request, reply));
    } as typeof handler;
  };
}
