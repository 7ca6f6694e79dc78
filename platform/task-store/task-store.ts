import type { TaskState, TaskStatus } from '../../schemas/engine/human-task';
import type { Queryable } from '../database/sql-client';

export type TaskSort = 'due' | '-due' | 'created' | '-created' | 'priority';

/** An inbox query. Every filter is optional and they combine with AND. */
export interface TaskListQuery {
  status?: TaskStatus[];
  /** Tasks held by this user. */
  assignee?: string;
  /** Tasks this user may take: one of their roles or their name is among the candidates. */
  candidate?: { username: string; roles: string[] };
  /** Tasks this user can see: held by them or theirs to take. */
  visibleTo?: { username: string; roles: string[] };
  /** Tasks offered to this role. */
  role?: string;
  process?: string;
  processWorkflowId?: string;
  /** Tasks of this run and of its child runs, whose ids extend the run's as `<run>:…` (the engine's convention). */
  caseWorkflowId?: string;
  dueBefore?: Date;
  /** Case-insensitive text found in the title, type, process, id or context. */
  q?: string;
  sort?: TaskSort;
  cursor?: string;
  limit?: number;
}

export interface TaskPage {
  items: TaskState[];
  nextCursor: string | null;
}

export interface TaskChange {
  seq: number;
  task: TaskState;
}

/** The inbox's read model. Temporal holds the truth; this holds a copy fit for filtering, sorting and paging. */
export interface TaskStore {
  /** The database the store lives in: the API keeps its session tables beside the tasks (PGlite has one owner). */
  readonly database: Queryable;
  /** Writes the task unless the store already holds the same or a newer version. */
  upsertTask(task: TaskState): Promise<{ applied: boolean }>;
  getTask(id: string): Promise<TaskState | undefined>;
  listTasks(query: TaskListQuery): Promise<TaskPage>;
  /** Tasks changed after `seq`, oldest first, for the live feed. */
  changesSince(seq: number, limit?: number): Promise<TaskChange[]>;
  /** The newest change number, to start a feed from "now". */
  lastChangeSeq(): Promise<number>;
  deleteTask(id: string): Promise<void>;
  close(): Promise<void>;
}
