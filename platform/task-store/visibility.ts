/**
 * Who may see a task in the inbox: managers and admins see every task; anyone else sees the tasks they hold or
 * may take (by name or by one of their roles). The list's SQL and the live feed's check both come from here, so
 * a list and its live updates always agree.
 */
import { isSupervisor, type TaskState } from '../../schemas/engine/human-task';

export interface Viewer {
  username: string;
  roles: string[];
}

/** The fields that decide who sees a task. */
export type TaskAudience = Pick<TaskState, 'assignee' | 'candidateRoles' | 'candidateUsers'>;

/** Held by the viewer or theirs to take; what `visibleToSql` selects. */
export function isOwnOrOffered(task: TaskAudience, viewer: Viewer): boolean {
  return (
    task.assignee === viewer.username ||
    task.candidateUsers.includes(viewer.username) ||
    task.candidateRoles.some((r) => viewer.roles.includes(r))
  );
}

export function canSeeTask(task: TaskAudience, viewer: Viewer): boolean {
  return isSupervisor(viewer) || isOwnOrOffered(task, viewer);
}

/** `isOwnOrOffered` as a WHERE condition on the tasks table; `param` binds a value and returns its placeholder. */
export function visibleToSql(viewer: Viewer, param: (value: unknown) => string): string {
  const user = param(viewer.username);
  return `(assignee = ${user} OR candidate_roles && ${param(viewer.roles)}::text[] OR ${user} = ANY(candidate_users))`;
}
