import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../errors';

const publicDir = resolve(__dirname, '../../web/public');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Serves the web inbox: a file from client/web/public when it exists, else index.html so the app's own
 * routes work on reload. Unknown /api paths are a JSON 404.
 */
export async function serveWeb(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
  if (path.startsWith('/api/') || path === '/api' || request.method !== 'GET')
    throw notFound(`no route ${request.method} ${path}`);
  const candidate = normalize(join(publicDir, path));
  const file = candidate.startsWith(publicDir) && (await isFile(candidate)) ? candidate : join(publicDir, 'index.html');
  if (!(await isFile(file))) throw notFound('the web inbox is not built');
  reply.header('content-type', contentTypes[extname(file)] ?? 'application/octet-stream');
  reply.header('cache-control', 'no-cache');
  await reply.send(await readFile(file));
}
