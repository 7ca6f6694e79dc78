import { randomUUID } from 'node:crypto';
import { connectPostgres, openPglite } from '../../platform/database/sql-client';
import { createSqlTaskStore } from '../../platform/task-store/sql-task-store';
import type { TaskStore } from '../../platform/task-store/task-store';

/** The real PostgreSQL the tests use; each store gets a schema of its own so test files never collide. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type StoreKind = 'pglite' | 'postgres';
export const storeKinds: StoreKind[] = ['pglite', 'postgres'];

export async function openTestTaskStore(kind: StoreKind): Promise<TaskStore> {
  if (kind === 'pglite') return createSqlTaskStore(await openPglite());
  const schema = `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  return createSqlTaskStore(await connectPostgres(TEST_DATABASE_URL, { schema, max: 4 }));
}
