import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Tokens spent per UTC day, in one small file per day under the data folder. Updates from one process are
 * serialised; several llm workers may overshoot the budget by the tickets in flight, which is acceptable for a
 * cost ceiling (it stops new spending, it does not meter it to the token).
 */
export class DailyTokenBudget {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    /** 0 means unlimited. */
    readonly limit: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async usedToday(): Promise<number> {
    try {
      return (JSON.parse(await readFile(this.fileOf(), 'utf8')) as { tokens: number }).tokens;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
  }

  async exhausted(): Promise<boolean> {
    return this.limit > 0 && (await this.usedToday()) >= this.limit;
  }

  record(tokens: number): Promise<void> {
    const next = this.queue.then(async () => {
      await mkdir(this.dir, { recursive: true });
      const file = this.fileOf();
      const tokensNow = (await this.usedToday()) + tokens;
      await writeFile(`${file}.tmp`, JSON.stringify({ tokens: tokensNow }));
      await rename(`${file}.tmp`, file);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private fileOf(): string {
    return join(this.dir, `tokens-${this.now().toISOString().slice(0, 10)}.json`);
  }
}
