import type { TaskState } from '../../schemas/engine/human-task';
import { migrate } from '../database/migrate';
import type { SqlClient } from '../database/sql-client';
import { buildListQuery, encodeCursor } from './list-query';
import { plannerStatistics } from './planner-statistics';
import type { TaskChange, TaskPage, TaskStore } from './task-store';

/** Lower-case text the inbox's search box looks through. */
function searchText(task: TaskState): string {
  return [task.id, task.title, task.type, task.process, task.assignee ?? '', JSON.stringify(task.context)]
    .join(' ')
    .toLowerCase();
}

// A write lands only if it is newer than what the row holds: retries and late writes are no-ops.
const upsertSql = `
  INSERT INTO tasks (id, version, type, title, process, process_workflow_id, status, assignee, candidate_roles,
    candidate_users, priority, due_at, created_at, updated_at, escalated, search_text, state, change_seq)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10::text[], $11, $12::timestamptz, $13::timestamptz,
    $14::timestamptz, $15, $16, $17::jsonb, nextval('task_change_seq'))
  ON CONFLICT (id) DO UPDATE SET
    version = EXCLUDED.version, type = EXCLUDED.type, title = EXCLUDED.title, process = EXCLUDED.process,
    process_workflow_id = EXCLUDED.process_workflow_id, status = EXCLUDED.status, assignee = EXCLUDED.assignee,
    candidate_roles = EXCLUDED.candidate_roles, candidate_users = EXCLUDED.candidate_users,
    priority = EXCLUDED.priority, due_at = EXCLUDED.due_at, created_at = EXCLUDED.created_at,
    updated_at = EXCLUDED.updated_at, escalated = EXCLUDED.escalated, search_text = EXCLUDED.search_text,
    state = EXCLUDED.state, change_seq = nextval('task_change_seq')
  WHERE tasks.version < EXCLUDED.version
  RETURNING id`;

/** The task store over any SQL client; migrates the schema on creation. */
export async function createSqlTaskStore(db: SqlClient): Promise<TaskStore> {
  await migrate(db);
  const statistics = plannerStatistics(db, 'tasks');
  await statistics.refresh();
  return {
    database: db,
    async upsertTask(task) {
      const rows = await db.query(upsertSql, [
        task.id,
        task.version,
        task.type,
        task.title,
        task.process,
        task.processWorkflowId,
        task.status,
        task.assignee,
        task.candidateRoles,
        task.candidateUsers,
        task.priority,
        task.dueAt,
        task.createdAt,
        task.updatedAt,
        task.escalated,
        searchText(task),
        JSON.stringify(task),
      ]);
      if (rows.length > 0) await statistics.wrote();
      return { applied: rows.length > 0 };
    },

    async getTask(id) {
      const rows = await db.query<{ state: TaskState }>('SELECT state FROM tasks WHERE id = $1', [id]);
      return rows[0]?.state;
    },

    async listTasks(query): Promise<TaskPage> {
      const built = buildListQuery(query);
      const rows = await db.query<Record<string, unknown> & { state: TaskState }>(built.sql, built.params);
      const page = rows.slice(0, built.limit);
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > built.limit && last
          ? encodeCursor([...Array.from({ length: built.keyCount }, (_, i) => String(last[`k${i}`])), last.state.id])
          : null;
      return { items: page.map((r) => r.state), nextCursor };
    },

    async changesSince(seq, limit = 500): Promise<TaskChange[]> {
      const rows = await db.query<{ seq: number; state: TaskState }>(
        'SELECT change_seq::float8 AS seq, state FROM tasks WHERE change_seq > $1 ORDER BY change_seq LIMIT $2',
        [seq, limit],
      );
      return rows.map((r) => ({ seq: Number(r.seq), task: r.state }));
    },

    async lastChangeSeq() {
      const rows = await db.query<{ seq: number | null }>('SELECT max(change_seq)::float8 AS seq FROM tasks');
      return Number(rows[0]?.seq ?? 0);
    },

    async deleteTask(id) {
      await db.query('DELETE FROM tasks WHERE id = $1', [id]);
    },

    close: () => db.close(),
  };
}
