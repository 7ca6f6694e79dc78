import { join } from 'node:path';
import type { Config } from '../config';
import { connectPostgres, openPglite } from '../database/sql-client';
import { createSqlTaskStore } from './sql-task-store';
import type { TaskStore } from './task-store';

/** PostgreSQL when DATABASE_URL is set; else PGlite in DATA_DIR/tasks, so a laptop needs no database server. */
export async function openTaskStore(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): Promise<TaskStore> {
  const db = config.DATABASE_URL
    ? await connectPostgres(config.DATABASE_URL)
    : await openPglite(join(config.DATA_DIR, 'tasks'));
  return createSqlTaskStore(db);
}

export type { TaskStore } from './task-store';
