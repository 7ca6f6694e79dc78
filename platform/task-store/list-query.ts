/** Builds the inbox's SQL: filters as parameters, keyset pagination on the sort key plus the id. */
import { taskStatuses } from '../../schemas/engine/human-task';
import type { TaskListQuery, TaskSort } from './task-store';
import { visibleToSql } from './visibility';

const dueKey = `COALESCE(due_at, 'infinity'::timestamptz)`;

interface SortSpec {
  /** Key expressions with the SQL type the cursor's text is cast back to. */
  keys: { expr: string; type: string }[];
  descending: boolean;
}

const sorts: Record<TaskSort, SortSpec> = {
  due: { keys: [{ expr: dueKey, type: 'timestamptz' }], descending: false },
  '-due': { keys: [{ expr: dueKey, type: 'timestamptz' }], descending: true },
  created: { keys: [{ expr: 'created_at', type: 'timestamptz' }], descending: false },
  '-created': { keys: [{ expr: 'created_at', type: 'timestamptz' }], descending: true },
  // Highest priority first, then the most urgent.
  priority: {
    keys: [
      { expr: '(-priority)', type: 'integer' },
      { expr: dueKey, type: 'timestamptz' },
    ],
    descending: false,
  },
};

export const encodeCursor = (values: string[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

export function decodeCursor(cursor: string, size: number): string[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === size && values.every((v) => typeof v === 'string'))
      return values as string[];
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

export class InvalidCursorError extends Error {
  constructor() {
    super('the cursor is not one this server gave out');
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function buildListQuery(query: TaskListQuery): {
  sql: string;
  params: unknown[];
  keyCount: number;
  limit: number;
} {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (query.status?.length) {
    // Statuses are a closed set, so they are written into the SQL: the planner can then match the partial
    // index of active tasks, which a bound parameter would hide from it.
    const known = query.status.filter((s) => taskStatuses.includes(s));
    where.push(known.length ? `status IN (${known.map((s) => `'${s}'`).join(', ')})` : 'false');
  }
  if (query.assignee) where.push(`assignee = ${p(query.assignee)}`);
  if (query.candidate) {
    where.push(
      `(candidate_roles && ${p(query.candidate.roles)}::text[] OR ${p(query.candidate.username)} = ANY(candidate_users))`,
    );
  }
  if (query.visibleTo) where.push(visibleToSql(query.visibleTo, p));
  // Containment (@>) is what the GIN index on candidate_roles answers; `x = ANY(column)` is not.
  if (query.role) where.push(`candidate_roles @> ARRAY[${p(query.role)}]::text[]`);
  if (query.process) where.push(`process = ${p(query.process)}`);
  if (query.processWorkflowId) where.push(`process_workflow_id = ${p(query.processWorkflowId)}`);
  if (query.caseWorkflowId) {
    const run = query.caseWorkflowId;
    where.push(`(process_workflow_id = ${p(run)} OR process_workflow_id LIKE ${p(`${escapeLike(run)}:%`)})`);
  }
  if (query.dueBefore) where.push(`due_at < ${p(query.dueBefore.toISOString())}::timestamptz`);
  if (query.q?.trim()) where.push(`search_text LIKE ${p(`%${escapeLike(query.q.trim().toLowerCase())}%`)}`);

  const sort = sorts[query.sort ?? 'due'];
  const columns = [...sort.keys.map((k) => k.expr), 'id'];
  if (query.cursor) {
    const values = decodeCursor(query.cursor, columns.length);
    const typed = values.map((v, i) => `${p(v)}::${sort.keys[i]?.type ?? 'text'}`);
    where.push(`(${columns.join(', ')}) ${sort.descending ? '<' : '>'} (${typed.join(', ')})`);
  }
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const direction = sort.descending ? 'DESC' : 'ASC';
  const sql = `SELECT state, ${sort.keys.map((k, i) => `${k.expr}::text AS k${i}`).join(', ')}
    FROM tasks ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${columns.map((c) => `${c} ${direction}`).join(', ')}
    LIMIT ${p(limit + 1)}`;
  return { sql, params, keyCount: sort.keys.length, limit };
}
