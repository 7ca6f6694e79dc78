/** Building and changing a task's state; every change bumps the version and leaves an audit record. */
import type { AuditRecord, HumanTaskInput, SlaSpec, TaskState } from '../../../schemas/engine/human-task';
import { addBusinessTime, durationMs, subtractBusinessTime } from './sla';

/** A task that names no SLA still gets one: nobody's work waits forever unless the process says `sla: 'none'`. */
export const defaultSla: SlaSpec = { dueIn: '3 days', remindBefore: '1 day', escalateTo: { roles: ['manager'] } };

export function slaOf(input: HumanTaskInput): SlaSpec | undefined {
  return input.sla === 'none' ? undefined : (input.sla ?? defaultSla);
}

export function initialTaskState(id: string, input: HumanTaskInput, now: number): TaskState {
  const sla = slaOf(input);
  const due = sla ? addBusinessTime(now, durationMs(sla.dueIn), sla.calendar) : undefined;
  const remind =
    sla?.remindBefore !== undefined && due !== undefined
      ? subtractBusinessTime(due, durationMs(sla.remindBefore), sla.calendar)
      : undefined;
  const at = new Date(now).toISOString();
  return {
    id,
    key: input.key,
    type: input.type,
    title: input.title,
    form: input.form,
    process: input.process,
    processWorkflowId: input.processWorkflowId,
    status: 'open',
    assignee: null,
    candidateRoles: [...(input.candidates.roles ?? [])],
    candidateUsers: [...(input.candidates.users ?? [])],
    deciders: { roles: [...(input.candidates.roles ?? [])], users: [...(input.candidates.users ?? [])] },
    excludedUsers: [...(input.fourEyes?.excludedUsers ?? [])],
    approvalsRequired: Math.max(1, input.fourEyes?.approvals ?? 1),
    signOffs: [],
    priority: input.priority ?? 0,
    dueAt: due === undefined ? null : new Date(due).toISOString(),
    remindAt: remind === undefined || remind <= now ? null : new Date(remind).toISOString(),
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    version: 1,
    escalated: false,
    reminded: false,
    context: input.context ?? {},
    evidence: input.evidence ?? [],
    audit: [{ seq: 1, at, actor: 'system', action: 'created' }],
  };
}

/** Appends an audit record and moves the version on; `now` is workflow time. */
export function recordTransition(state: TaskState, now: number, record: Omit<AuditRecord, 'seq' | 'at'>): void {
  const at = new Date(now).toISOString();
  state.version += 1;
  state.updatedAt = at;
  state.audit.push({ seq: state.audit.length + 1, at, ...record });
  if (state.status === 'completed' || state.status === 'cancelled' || state.status === 'expired') state.closedAt ??= at;
}
