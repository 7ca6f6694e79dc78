import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

/** Where one saved file can be found again: a URI a person or a tool can open. */
export interface ArtifactRef {
  name: string;
  uri: string;
  bytes: number;
}

/** Evidence of one failed attempt: a folder of files that belong together. */
export interface EvidenceRef {
  id: string;
  files: ArtifactRef[];
}

export interface ArtifactStore {
  /** Saves one file under a group (e.g. one failed attempt); returns its reference. */
  save(group: string, name: string, data: Buffer | string): Promise<ArtifactRef>;
  /** A local path to write to directly (Playwright traces are written by the library itself). */
  localPath(group: string, name: string): Promise<string>;
  /** The reference of a file written through localPath. */
  refOf(group: string, name: string, bytes: number): ArtifactRef;
}

const safe = (part: string) => part.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);

/** The default store: a folder on disk, one sub-folder per group. Swap for object storage in production. */
export function createFolderArtifactStore(dir: string): ArtifactStore {
  const root = resolve(dir);
  const pathOf = (group: string, name: string) => join(root, safe(group), safe(name));
  const refOf = (group: string, name: string, bytes: number): ArtifactRef => ({
    name,
    uri: `file://${pathOf(group, name)}`,
    bytes,
  });
  return {
    async save(group, name, data) {
      const path = pathOf(group, name);
      await mkdir(join(root, safe(group)), { recursive: true });
      await writeFile(path, data);
      return refOf(group, name, Buffer.byteLength(data));
    },
    async localPath(group, name) {
      await mkdir(join(root, safe(group)), { recursive: true });
      return pathOf(group, name);
    },
    refOf,
  };
}

/** The file path behind a folder-store URI (for tests and tools that open evidence). */
export function artifactPath(ref: ArtifactRef): string {
  return ref.uri.startsWith('file://') ? ref.uri.slice('file://'.length) : relative('.', ref.uri);
}
