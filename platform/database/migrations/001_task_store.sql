-- The inbox's read model: one row per human task, written by the task workflows, read by the API.
-- The whole task state is kept as JSON; the columns beside it exist to filter, sort and index.
CREATE SEQUENCE IF NOT EXISTS task_change_seq;

CREATE TABLE IF NOT EXISTS tasks (
  id                  text PRIMARY KEY,
  version             integer NOT NULL,
  type                text NOT NULL,
  title               text NOT NULL,
  process             text NOT NULL,
  process_workflow_id text NOT NULL,
  status              text NOT NULL,
  assignee            text,
  candidate_roles     text[] NOT NULL DEFAULT '{}',
  candidate_users     text[] NOT NULL DEFAULT '{}',
  priority            integer NOT NULL DEFAULT 0,
  due_at              timestamptz,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  escalated           boolean NOT NULL DEFAULT false,
  search_text         text NOT NULL,
  state               jsonb NOT NULL,
  -- Moves on with every accepted write: the live feed reads rows changed since the last number it saw.
  change_seq          bigint NOT NULL
);

-- Inbox filters: status with due-date order (tasks without a due date sort last), my tasks, role queues,
-- a process's tasks, creation order, and the change feed.
CREATE INDEX IF NOT EXISTS tasks_status_due ON tasks (status, (COALESCE(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX IF NOT EXISTS tasks_assignee_status ON tasks (assignee, status);
CREATE INDEX IF NOT EXISTS tasks_candidate_roles ON tasks USING gin (candidate_roles);
CREATE INDEX IF NOT EXISTS tasks_candidate_users ON tasks USING gin (candidate_users);
CREATE INDEX IF NOT EXISTS tasks_process_workflow ON tasks (process_workflow_id);
CREATE INDEX IF NOT EXISTS tasks_process_status ON tasks (process, status);
CREATE INDEX IF NOT EXISTS tasks_created ON tasks (created_at, id);
CREATE INDEX IF NOT EXISTS tasks_priority ON tasks ((-priority), (COALESCE(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX IF NOT EXISTS tasks_change_seq ON tasks (change_seq);
