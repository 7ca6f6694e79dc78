import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { isInside } from './artifact-paths';

interface Served {
  type: string;
  /** Shown in the browser; everything else is offered as a download. */
  inline: boolean;
}

const served: Record<string, Served> = {
  '.png': { type: 'image/png', inline: true },
  '.jpg': { type: 'image/jpeg', inline: true },
  '.jpeg': { type: 'image/jpeg', inline: true },
  '.txt': { type: 'text/plain; charset=utf-8', inline: true },
  '.log': { type: 'text/plain; charset=utf-8', inline: true },
  '.json': { type: 'application/json; charset=utf-8', inline: true },
  // A portal's page as the bot saw it: shown, but sandboxed by the CSP below so its scripts never run.
  '.html': { type: 'text/html; charset=utf-8', inline: true },
  '.zip': { type: 'application/zip', inline: false },
};
const download: Served = { type: 'application/octet-stream', inline: false };

/**
 * Headers for every artifact. The files come from the systems the bots drive, so they are untrusted: the CSP
 * sandbox gives an HTML page an opaque origin with no scripts (it cannot read the inbox's session or call the
 * API), `default-src 'none'` stops it loading anything, and nosniff keeps the browser to the declared type.
 */
export function artifactHeaders(name: string, bytes: number): Record<string, string> {
  const kind = served[extname(name).toLowerCase()] ?? download;
  return {
    'content-type': kind.type,
    'content-length': String(bytes),
    'content-disposition': `${kind.inline ? 'inline' : 'attachment'}; filename="${name}"`,
    'content-security-policy': "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'private, no-cache',
  };
}

/**
 * Opens `<root>/<group>/<name>` for reading when it is a regular file that really lies under the root (symbolic
 * links are followed first, then checked); else null. `group` and `name` are already checked to be plain names.
 */
export async function openArtifact(
  root: string,
  group: string,
  name: string,
): Promise<{ file: FileHandle; bytes: number } | null> {
  const realRoot = await realpath(root).catch(() => null);
  const real = realRoot && (await realpath(join(realRoot, group, name)).catch(() => null));
  if (!realRoot || !real || !isInside(realRoot, real)) return null;
  // O_NOFOLLOW: a link swapped in after the check is refused rather than followed.
  const file = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null);
  if (!file) return null;
  const info = await file.stat();
  if (!info.isFile()) {
    await file.close();
    return null;
  }
  return { file, bytes: info.size };
}
