import { isGrpcServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApiError } from './errors';

/** Seconds a client should wait before trying again when Temporal or the database does not answer. */
export const RETRY_AFTER_SECONDS = 5;

// gRPC codes that mean "the server is not reachable or did not answer in time", not "the server refused".
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;
const unreachableGrpc = new Set<number>([GRPC_UNAVAILABLE, GRPC_DEADLINE_EXCEEDED]);
// Socket errors of a database or server that is down, unreachable or restarting.
const unreachableSocket = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
// PostgreSQL: class 08 is "connection exception"; 57P01-57P03 a server shutting down or starting; 53300 no slots.
const unavailablePostgres = /^(08...|57P0[123]|53300)$/;

/** True when an error, or anything in its cause chain, says a dependency is down rather than that the request is wrong. */
export function isOutage(err: unknown): boolean {
  for (let e: unknown = err, hops = 0; e && hops < 8; e = (e as { cause?: unknown }).cause, hops++) {
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcServiceError(e) && unreachableGrpc.has(e.code)) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (unreachableSocket.has(code) || unavailablePostgres.test(code))) return true;
    if (e instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(e.message))
      return true;
  }
  return false;
}

export const unavailable = () =>
  new ApiError(
    503,
    'unavailable',
    `the engine cannot reach Temporal or its database right now; try again in ${RETRY_AFTER_SECONDS} seconds`,
  );
