import { portalDataSchema, type PortalData } from './schema';
import { readFileIfExists, writeFileAtomic } from './json-file';

/**
 * Holds the whole portal state in memory and mirrors it to one JSON file.
 *
 * Mutations change `data` synchronously (so check-then-write is race free on Node's single thread)
 * and then await `commit()`, which resolves once a write containing that change is on disk.
 * Commits that arrive while a write is queued share that write instead of each writing the file.
 */
export class JsonDatabase {
  private queued: Promise<void> | null = null;
  private tail: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    public data: PortalData,
  ) {}

  /** Loads the file, or creates it from `seed()` when it is missing. A corrupt file is an error, never overwritten. */
  static async open(file: string, seed: () => PortalData): Promise<{ db: JsonDatabase; seeded: boolean }> {
    const text = await readFileIfExists(file);
    if (text === null) {
      const db = new JsonDatabase(file, seed());
      await db.commit();
      return { db, seeded: true };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new Error(`Portal store ${file} is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = portalDataSchema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new Error(`Portal store ${file} does not match the expected format: ${first.join('; ')}`);
    }
    return { db: new JsonDatabase(file, parsed.data), seeded: false };
  }

  /** Persists the current state; resolves when it (or a later state) is safely on disk. */
  commit(): Promise<void> {
    if (this.queued) return this.queued;
    const write = this.tail.then(() => {
      // From here on, new changes need a new write: this one snapshots the data now.
      this.queued = null;
      return writeFileAtomic(this.file, JSON.stringify(this.data));
    });
    this.queued = write;
    this.tail = write.catch(() => undefined);
    return write;
  }

  /** Waits for every started or queued write. */
  async flush(): Promise<void> {
    await this.tail;
  }
}
