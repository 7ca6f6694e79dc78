import { mkdir, readFile, writeFile } from 'node:fs/promises';
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

/**
 * The case a group of files belongs to: the API serves them only to users who may see that case. Recorded when
 * a file is saved, kept beside the files (the folder store) or in the database (a later store), never in a name.
 */
export interface ArtifactOwner {
  /** The workflow id of the run the files were saved for (see `currentCaseOwner`). */
  caseId: string;
  /** Set for restricted records: only these roles (and admins and auditors) read them, not the case's others. */
  readerRoles?: string[];
}

export interface ArtifactStore {
  /** Saves one file under a group (e.g. one failed attempt), recording the group's owner; returns its reference. */
  save(group: string, name: string, data: Buffer | string, owner?: ArtifactOwner): Promise<ArtifactRef>;
  /** A local path to write to directly (Playwright traces are written by the library itself). */
  localPath(group: string, name: string, owner?: ArtifactOwner): Promise<string>;
  /** The reference of a file written through localPath. */
  refOf(group: string, name: string, bytes: number): ArtifactRef;
  /** The owner recorded for a group; null when it was saved without one (then only supervisors read it). */
  ownerOf(group: string): Promise<ArtifactOwner | null>;
}

/** The file beside a group's files that names its owner; the API never serves names that start with a dot. */
export const OWNER_FILE = '.owner.json';

export class ArtifactOwnerConflictError extends Error {
  constructor(group: string) {
    super(`artifact group ${group} already belongs to another case`);
  }
}

const safe = (part: string) => part.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);

/** The default store: a folder on disk, one sub-folder per group. Swap for object storage in production. */
export function createFolderArtifactStore(dir: string): ArtifactStore {
  const root = resolve(dir);
  const pathOf = (group: string, name: string) => {
    if (safe(name) === OWNER_FILE) throw new Error(`${OWNER_FILE} is the store's own file`);
    return join(root, safe(group), safe(name));
  };
  const refOf = (group: string, name: string, bytes: number): ArtifactRef => ({
    name,
    uri: `file://${pathOf(group, name)}`,
    bytes,
  });
  const ownerPath = (group: string) => join(root, safe(group), OWNER_FILE);
  const ownerOf = async (group: string): Promise<ArtifactOwner | null> => {
    const text = await readFile(ownerPath(group), 'utf8').catch(() => null);
    if (text === null) return null;
    try {
      const owner = JSON.parse(text) as Partial<ArtifactOwner>;
      return typeof owner.caseId === 'string' ? (owner as ArtifactOwner) : null;
    } catch {
      return null; // unreadable: treated as having no owner, which only supervisors read
    }
  };
  /** Makes the group's folder and records its owner once; a group never changes case. */
  const prepare = async (group: string, owner: ArtifactOwner | undefined) => {
    await mkdir(join(root, safe(group)), { recursive: true });
    if (!owner) return;
    const recorded = await ownerOf(group);
    if (recorded) {
      if (recorded.caseId !== owner.caseId) throw new ArtifactOwnerConflictError(group);
      return;
    }
    await writeFile(ownerPath(group), JSON.stringify(owner));
  };
  return {
    async save(group, name, data, owner) {
      const path = pathOf(group, name);
      await prepare(group, owner);
      await writeFile(path, data);
      return refOf(group, name, Buffer.byteLength(data));
    },
    async localPath(group, name, owner) {
      const path = pathOf(group, name);
      await prepare(group, owner);
      return path;
    },
    refOf,
    ownerOf,
  };
}

/** The file path behind a folder-store URI (for tests and tools that open evidence). */
export function artifactPath(ref: ArtifactRef): string {
  return ref.uri.startsWith('file://') ? ref.uri.slice('file://'.length) : relative('.', ref.uri);
}
