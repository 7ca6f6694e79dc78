import type { FastifyRequest } from 'fastify';

// Form posts and query strings arrive as loosely typed objects; these helpers turn them into plain strings.

type Loose = Record<string, unknown>;

function firstString(value: unknown): string {
  if (Array.isArray(value)) return firstString(value[0]);
  return typeof value === 'string' ? value : '';
}

/** Reads named fields from a urlencoded form body; a missing field is ''. */
export function formFields<K extends string>(request: FastifyRequest, names: readonly K[]): Record<K, string> {
  const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Loose;
  return Object.fromEntries(names.map((n) => [n, firstString(body[n])])) as Record<K, string>;
}

export function queryString(request: FastifyRequest, name: string): string {
  const query = (request.query && typeof request.query === 'object' ? request.query : {}) as Loose;
  return firstString(query[name]);
}

export function queryInt(request: FastifyRequest, name: string): number | undefined {
  const value = Number.parseInt(queryString(request, name), 10);
  return Number.isFinite(value) ? value : undefined;
}

export function param(request: FastifyRequest, name: string): string {
  const params = (request.params && typeof request.params === 'object' ? request.params : {}) as Loose;
  return firstString(params[name]);
}

/** Builds "/path?x=1&page=2", leaving out empty values. */
export function hrefWith(path: string, query: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') search.set(k, String(v));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
