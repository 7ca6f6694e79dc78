/**
 * Who may see what: the one rule behind the inbox list, the live feed and every read by id (task detail, audit,
 * run results, status routes, artifacts). Supervisors and auditors see every task; anyone else sees the tasks
 * they hold or may take (by name or by one of their roles). A case (a process run) is seen by its starter and by
 * whoever may see one of its tasks. The list's SQL and the in-memory checks both come from here, so a list, its
 * live updates and a read by id always agree.
 */
import { isSupervisor, type TaskState } from '../../schemas/engine/human-task';

export interface Viewer {
  username: string;
  roles: string[];
}

/** The fields that decide who sees a task. */
export type TaskAudience = Pick<TaskState, 'assignee' | 'candidateRoles' | 'candidateUsers'>;

/** Reads every case for oversight but decides nothing (the codec server also decodes for this role). */
export const AUDITOR_ROLE = 'auditor';

/** Roles that read even restricted records (e.g. the payroll snapshot): admins and auditors, not managers. */
export const unrestrictedReaderRoles = ['admin', AUDITOR_ROLE] as const;

/** Supervisors and auditors see every task and every case. */
export const seesEverything = (viewer: Viewer) => isSupervisor(viewer) || viewer.roles.includes(AUDITOR_ROLE);

/** Held by the viewer or theirs to take; what `visibleToSql` selects. */
export function isOwnOrOffered(task: TaskAudience, viewer: Viewer): boolean {
  return (
    task.assignee === viewer.username ||
    task.candidateUsers.includes(viewer.username) ||
    task.candidateRoles.some((r) => viewer.roles.includes(r))
  );
}

export function canSeeTask(task: TaskAudience, viewer: Viewer): boolean {
  return seesEverything(viewer) || isOwnOrOffered(task, viewer);
}

/** What decides who sees a case; `hasVisibleTask` asks the store (with `visibleToSql`) only when needed. */
export interface CaseAudience {
  /** The user who started the run (from its memo, see `startedByMemo`); none for schedules and folders. */
  startedBy?: string | null;
  /** True when the viewer may see at least one task of the case. */
  hasVisibleTask(viewer: Viewer): Promise<boolean>;
}

export async function canSeeCase(audience: CaseAudience, viewer: Viewer): Promise<boolean> {
  if (seesEverything(viewer)) return true;
  if (audience.startedBy && audience.startedBy === viewer.username) return true;
  return audience.hasVisibleTask(viewer);
}

/**
 * A record restricted to some roles (e.g. a payroll snapshot with every IBAN to the payroll roles): those roles,
 * admins and auditors read it; supervisors who do not hold a role and the case's other users do not.
 */
export function canReadRestricted(readerRoles: readonly string[], viewer: Viewer): boolean {
  return viewer.roles.some(
    (r) => readerRoles.includes(r) || (unrestrictedReaderRoles as readonly string[]).includes(r),
  );
}

/** The memo key under which a run records the user who started it (launchers, intake over the API). */
export const STARTED_BY_MEMO = 'bpoStartedBy';

/** The memo to start a run with so that its starter may read it later. */
export const startedByMemo = (username: string) => ({ [STARTED_BY_MEMO]: username });

/** The starter recorded in a run's memo, if any. */
export function startedByOf(memo: Record<string, unknown> | undefined): string | null {
  const value = memo?.[STARTED_BY_MEMO];
  return typeof value === 'string' ? value : null;
}

/** `isOwnOrOffered` as a WHERE condition on the tasks table; `param` binds a value and returns its placeholder. */
export function visibleToSql(viewer: Viewer, param: (value: unknown) => string): string {
  const user = param(viewer.username);
  return `(assignee = ${user} OR candidate_roles && ${param(viewer.roles)}::text[] OR ${user} = ANY(candidate_users))`;
}
