import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { artifactsDir, type Config } from '../../../platform/config';

/** Where the inbox fetches a saved artifact: `/api/artifacts/<group>/<name>`. */
export const ARTIFACTS_ROUTE = '/api/artifacts';

/**
 * One path segment of an artifact: the characters the folder store keeps when it names a group or a file. A
 * leading dot is refused, so `.` and `..` never reach the file system.
 */
export const artifactPart = z
  .string()
  .max(120, 'must be at most 120 characters')
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-", not starting with "."');

/** The artifacts folder the API serves from, as an absolute path (the form the folder store writes in its URIs). */
export const artifactsRoot = (config: Pick<Config, 'ARTIFACTS_DIR' | 'DATA_DIR'>) => resolve(artifactsDir(config));

/** True when `path` lies strictly inside `root` (both absolute). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * The API path for a folder-store URI (`file://<root>/<group>/<name>`), or null when the URI is not a file
 * directly in a group folder under `root` (another machine's folder, a path outside, a name the route refuses).
 */
export function artifactRoutePath(root: string, uri: string): string | null {
  if (!uri.startsWith('file://')) return null;
  // The folder store writes `file://` + the absolute path as is, without percent-encoding.
  const path = resolve(uri.slice('file://'.length));
  if (!isInside(root, path)) return null;
  const parts = relative(root, path).split(sep);
  if (parts.length !== 2 || !parts.every((p) => artifactPart.safeParse(p).success)) return null;
  return `${ARTIFACTS_ROUTE}/${parts.map(encodeURIComponent).join('/')}`;
}
