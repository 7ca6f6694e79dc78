import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TicketTriage } from '../../../schemas/tickets/ticket-triage';

export interface CachedTriage {
  triage: TicketTriage;
  model: string;
  createdAt: string;
}

/** The key of a request: the same redacted text, prompt and model always get the same answer from the cache. */
export function contentHash(parts: { text: string; model: string; promptVersion: string }): string {
  return createHash('sha256').update(`${parts.promptVersion}\n${parts.model}\n${parts.text}`).digest('hex');
}

/**
 * Triage answers by content hash, one file each under the data folder. Only redacted text was hashed and only
 * model output is stored, so the cache holds no PII values.
 */
export class TriageCache {
  constructor(private readonly dir: string) {}

  async get(hash: string): Promise<CachedTriage | undefined> {
    try {
      return JSON.parse(await readFile(this.pathOf(hash), 'utf8')) as CachedTriage;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Write-then-rename: a reader never sees half an entry. */
  async put(hash: string, entry: CachedTriage): Promise<void> {
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
