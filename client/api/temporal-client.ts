import {
  Client,
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type ConnectionOptions,
} from '@temporalio/client';
import type { Config } from '../../platform/config';

/**
 * Attempts per Temporal call: retries of an unreachable server are over in under a second (100, 200, 400 ms of
 * backoff), so a request answers 503 at once instead of after the SDK's default ten attempts (about 20 s).
 */
export const API_TEMPORAL_ATTEMPTS = 4;

/** Calls that wait for a worker (queries, Updates, results): a busy worker is slow, not down, so they get longer. */
const WORKER_BOUND_TIMEOUT_MS = 30_000;
const workerBound =
  /\/(QueryWorkflow|UpdateWorkflowExecution|PollWorkflowExecutionUpdate|ExecuteMultiOperation|GetWorkflowExecutionHistory)$/;

type Interceptor = NonNullable<ConnectionOptions['interceptors']>[number];

/**
 * Gives each call a deadline unless it already has one, so a connection that hangs (a dead host, a stalled
 * proxy) fails the call in time. Placed before the retry interceptor, the deadline covers every attempt.
 */
function deadlineInterceptor(timeoutMs: number): Interceptor {
  // The next interceptor's call is an InterceptingCall already; passing it on adds no layer of our own.
  return (options, nextCall) => {
    if (options.deadline !== undefined) return nextCall(options) as ReturnType<Interceptor>;
    const path = options.method_definition.path;
    const after = workerBound.test(path) ? Math.max(timeoutMs, WORKER_BOUND_TIMEOUT_MS) : timeoutMs;
    return nextCall({ ...options, deadline: Date.now() + after }) as ReturnType<Interceptor>;
  };
}

/**
 * The API's own Temporal client: the caller's server, namespace, credentials and data converter, on a connection
 * of its own that gives up quickly, so an outage answers 503 within seconds whichever client the API was given.
 * A client on another kind of connection is used as it is.
 */
export function apiTemporalClient(
  base: Client,
  config: Pick<Config, 'API_TEMPORAL_TIMEOUT_MS' | 'TEMPORAL_API_KEY'>,
): { client: Client; close: () => Promise<void> } {
  if (!(base.connection instanceof Connection)) return { client: base, close: async () => undefined };
  const { address, credentials, channelArgs, metadata, connectTimeoutMs } = base.connection.options;
  const connection = Connection.lazy({
    address,
    credentials,
    channelArgs,
    metadata,
    connectTimeout: connectTimeoutMs,
    apiKey: config.TEMPORAL_API_KEY,
    interceptors: [
      deadlineInterceptor(config.API_TEMPORAL_TIMEOUT_MS),
      makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: API_TEMPORAL_ATTEMPTS })),
    ],
  });
  const { namespace, dataConverter, interceptors, identity } = base.options;
  const client = new Client({ connection, namespace, dataConverter, interceptors, identity });
  return { client, close: () => connection.close() };
}
