-- The inbox mostly lists active tasks by due date: a partial index over just those rows lets a queue page
-- be read in index order and stop after one page, instead of sorting every matching row.
CREATE INDEX IF NOT EXISTS tasks_active_due ON tasks ((COALESCE(due_at, 'infinity'::timestamptz)), id)
  WHERE status IN ('open', 'claimed');
