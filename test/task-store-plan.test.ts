import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { connectPostgres, openPglite, type SqlClient } from '../platform/database/sql-client';
import { buildListQuery } from '../platform/task-store/list-query';
import { createSqlTaskStore } from '../platform/task-store/sql-task-store';
import { sampleTask } from './fixtures/tasks';
import { TEST_DATABASE_URL, storeKinds } from './helpers/task-stores';

const open = (kind: (typeof storeKinds)[number]): Promise<SqlClient> =>
  kind === 'pglite'
    ? openPglite()
    : connectPostgres(TEST_DATABASE_URL, { schema: `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`, max: 2 });

describe.each(storeKinds)('task store query plans on %s', (kind) => {
  const clients: SqlClient[] = [];
  afterAll(async () => {
    for (const db of clients) await db.close();
  });

  it('keeps planner statistics fresh as tasks pile up, so a role queue is read from the active-task index', async () => {
    const db = await open(kind);
    clients.push(db);
    const store = await createSqlTaskStore(db);
    const roles = ['approver', 'clerk', 'manager'];
    for (let i = 0; i < 1500; i++) {
      await store.upsertTask(
        sampleTask({
          candidateRoles: [roles[i % 3]!],
          dueAt: new Date(Date.UTC(2030, 0, 1) + ((i * 7919) % 1500) * 60_000).toISOString(),
        }),
      );
    }
    // Without fresh statistics the planner believes the table is tiny and sorts the whole role queue instead.
    const query = buildListQuery({ role: 'approver', status: ['open', 'claimed'], sort: 'due', limit: 50 });
    const plan = (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query.sql}`, query.params))
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toContain('tasks_active_due');
    expect(plan).not.toMatch(/\bSort\b/);
    const page = await store.listTasks({ role: 'approver', status: ['open', 'claimed'], sort: 'due', limit: 50 });
    expect(page.items).toHaveLength(50);
  });
});
