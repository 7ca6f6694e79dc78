import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CachedAnswer {
  output: unknown;
  model: string;
  createdAt: string;
}

/** The key of a request: the same task version, model and (redacted) messages always get the same answer. */
export function contentHash(parts: { version: string; model: string; text: string }): string {
  return createHash('sha256').update(`${parts.version}\n${parts.model}\n${parts.text}`).digest('hex');
}

/**
 * Model answers by content hash, one file each under the data folder. Only redacted text was hashed and only
 * model output is stored, so the cache holds no PII values.
 */
export class LlmCache {
  constructor(private readonly dir: string) {}

  async get(hash: string): Promise<CachedAnswer | undefined> {
    try {
      return JSON.parse(await readFile(this.pathOf(hash), 'utf8')) as CachedAnswer;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Write-then-rename: a reader never sees half an entry. */
  async put(hash: string, entry: CachedAnswer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.${randomUUID()}.tmp`);
    await writeFile(temp, JSON.stringify(entry));
    await rename(temp, this.pathOf(hash));
  }

  private pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`not a content hash: ${hash}`);
    return join(this.dir, `${hash}.json`);
  }
}
