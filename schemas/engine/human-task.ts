import type { FieldError } from './validation';
import type { taskFailures } from './failures';

/** open → claimed → completed / cancelled / expired; claimed may go back to open (unclaim, reassign to a role). */
export type TaskStatus = 'open' | 'claimed' | 'completed' | 'cancelled' | 'expired';
export const taskStatuses: readonly TaskStatus[] = ['open', 'claimed', 'completed', 'cancelled', 'expired'];
export const closedStatuses: readonly TaskStatus[] = ['completed', 'cancelled', 'expired'];

/** Roles that may act on any task as supervisors. */
export const supervisorRoles = ['manager', 'admin'] as const;

/** A supervisor acts on, and sees, every task. */
export const isSupervisor = (actor: { roles: readonly string[] }) =>
  actor.roles.some((r) => (supervisorRoles as readonly string[]).includes(r));

/** Who acts: the API authenticates the user and passes name and roles with every Update. */
export interface Actor {
  username: string;
  roles: string[];
}

export interface Candidates {
  roles: string[];
  users: string[];
}

/** Working hours in which SLA time runs (e.g. Mon–Fri 9–17 UTC); without it SLA time runs around the clock. */
export interface BusinessCalendar {
  /** 0 = Sunday … 6 = Saturday. */
  workDays: number[];
  startHour: number;
  endHour: number;
  /** Offset of the calendar's time zone from UTC, in minutes (e.g. 60 for CET). */
  utcOffsetMinutes?: number;
}

/** Durations are Temporal duration strings ('2 days', '30s') or milliseconds. */
export type Duration = string | number;

export interface SlaSpec {
  /** Time until the task is due. */
  dueIn: Duration;
  /** A reminder goes to the assignee (or candidates) this long before the due date. */
  remindBefore?: Duration;
  /** When the due date passes the task goes to these candidates, flagged as escalated. */
  escalateTo?: Partial<Candidates>;
  /** The task expires this long after the due date; the parent then gets an `expired` outcome. */
  expireAfter?: Duration;
  calendar?: BusinessCalendar;
}

export interface FourEyesRule {
  /** Users who may not work the task, e.g. the submitter of what is being approved. */
  excludedUsers?: string[];
  /** Distinct users who must complete (approve) before the task is done. Default 1. */
  approvals?: number;
}

export interface EvidenceLink {
  label: string;
  url: string;
  kind: 'screenshot' | 'document' | 'link' | 'trace' | 'html';
}

/** One transition of a task: who, when, what, with which comment and form data. */
export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action:
    | 'created'
    | 'claimed'
    | 'unclaimed'
    | 'signed-off'
    | 'completed'
    | 'reassigned'
    | 'commented'
    | 'reminded'
    | 'escalated'
    | 'expired'
    | 'cancelled';
  comment?: string;
  data?: unknown;
  from?: string;
  to?: string;
  /** A supervisor's sign-off without a deciding role: recorded, never counted as an approval. */
  override?: boolean;
}

export interface SignOff {
  by: string;
  at: string;
  data: unknown;
  comment?: string;
}

/** What the parent passes to start a task child workflow. */
export interface HumanTaskInput {
  /** Unique within the parent, e.g. 'approval'; the task id is derived from parent id and key. */
  key: string;
  type: string;
  title: string;
  form: string;
  candidates: Partial<Candidates>;
  priority?: number;
  /** 'none' waits without a due date; leaving it out gives the default SLA. */
  sla?: SlaSpec | 'none';
  fourEyes?: FourEyesRule;
  context?: Record<string, unknown>;
  evidence?: EvidenceLink[];
  process: string;
  processWorkflowId: string;
}

/** The whole state of a task: what the query returns and what the task store holds. */
export interface TaskState {
  id: string;
  key: string;
  type: string;
  title: string;
  form: string;
  process: string;
  processWorkflowId: string;
  status: TaskStatus;
  assignee: string | null;
  candidateRoles: string[];
  candidateUsers: string[];
  /**
   * Who may decide (sign off): the candidates the process asked for, widened only by the SLA's escalation,
   * never by delegation or reassignment. Missing on tasks opened before it existed: their candidates decide.
   */
  deciders?: Candidates;
  excludedUsers: string[];
  approvalsRequired: number;
  signOffs: SignOff[];
  priority: number;
  dueAt: string | null;
  remindAt: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Grows with every transition; the store keeps the highest, so a late write never moves a task back. */
  version: number;
  escalated: boolean;
  reminded: boolean;
  context: Record<string, unknown>;
  evidence: EvidenceLink[];
  audit: AuditRecord[];
}

export type HumanTaskOutcome<D> =
  | { outcome: 'completed'; taskId: string; data: D; completedBy: string; signOffs: SignOff[]; audit: AuditRecord[] }
  | { outcome: 'expired'; taskId: string; audit: AuditRecord[] };

/**
 * Failure types the task validators throw; the API maps them to HTTP codes (403, 404, 409, 422) and a
 * `FormInvalid` failure carries the field errors as its first detail.
 */
/** Short names for the catalogue's task failures (schemas/engine/failures.ts). */
export const TaskErrorType = {
  forbidden: 'TaskForbidden',
  fourEyes: 'TaskFourEyes',
  conflict: 'TaskConflict',
  formInvalid: 'TaskFormInvalid',
  invalid: 'TaskInvalid',
} as const satisfies Record<string, keyof typeof taskFailures.specs>;

export type TaskFieldErrors = FieldError[];
