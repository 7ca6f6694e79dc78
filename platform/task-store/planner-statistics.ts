import type { Queryable } from '../database/sql-client';

/**
 * Keeps the query planner's statistics of a table fresh. Without them PostgreSQL guesses row counts and can
 * pick a plan ten times slower (for the inbox: sort every task of a role instead of reading the active-task
 * index in order). PostgreSQL's autovacuum refreshes them only after a delay, and embedded PGlite never does,
 * so the store does it itself with autovacuum's rule: after 50 + 10 % of the table's rows have been written.
 */
export function plannerStatistics(db: Queryable, table: string) {
  let rowsAtLastAnalyze = 0;
  let writesSince = 0;
  let running: Promise<void> | undefined;

  const analyze = async () => {
    writesSince = 0;
    await db.exec(`ANALYZE ${table}`);
    // ANALYZE has just estimated the row count; reading it is cheaper than counting.
    const rows = await db.query<{ rows: number }>(
      'SELECT GREATEST(reltuples, 0)::float8 AS rows FROM pg_class WHERE oid = to_regclass($1)',
      [table],
    );
    rowsAtLastAnalyze = Number(rows[0]?.rows ?? 0);
  };

  return {
    /** Refreshes the statistics now (on opening a store that may have been filled by another process). */
    refresh: () => analyze(),
    /** Counts `n` accepted writes; refreshes the statistics, one refresh at a time, when enough have piled up. */
    async wrote(n = 1) {
      writesSince += n;
      if (running || writesSince < 50 + rowsAtLastAnalyze * 0.1) return;
      running = analyze().finally(() => {
        running = undefined;
      });
      await running;
    },
  };
}
