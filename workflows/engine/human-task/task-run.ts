/**
 * What the stages of one human-task run share: the task's state, its SLA, the notifications under way and the
 * store sync's counters, with the moves every stage makes the same way (a transition, waiting for the store).
 */
import { condition, patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ActorVerifyKeys } from '../../../schemas/engine/actor-signature';
import type { AuditRecord, HumanTaskInput, SlaSpec, TaskState } from '../../../schemas/engine/human-task';
import { BpoAssignee, BpoCandidateRoles, BpoDueDate, BpoProcess, BpoStatus } from '../search-attributes';
import { durationMs } from './sla';
import { initialTaskState, recordTransition, slaOf } from './task-state';

export interface TaskRun {
  /** Changed in place by every stage; the query, the Updates and the store all see this one object. */
  readonly state: TaskState;
  readonly sla: SlaSpec | undefined;
  /** When the task expires, in workflow time (ms), if its SLA lets it expire. */
  readonly expireAt: number | undefined;
  /** Runs started before the 'human-task-notifications-beside-timeline' patch wait for each notification. */
  readonly notifyBesideTimeline: boolean;
  /** Notifications still under way; the task waits for them only before it ends. */
  readonly notifications: Set<Promise<void>>;
  /** Store sync: the newest version written, and the rewrites asked for and served. */
  readonly sync: { syncedVersion: number; requests: number; served: number };
  /** Runs opened since 'human-task-signed-actors' load the public keys that verify actors before taking Updates. */
  readonly signedActors: boolean;
  /** Runs opened since 'human-task-deciding-roles' record a non-deciding supervisor's sign-off as an override. */
  readonly decidingRoles: boolean;
  /** The public keys actors' signatures are checked with (loaded at open, reloaded when a new key appears). */
  actorKeys: ActorVerifyKeys | undefined;
  /** Signatures already used: each signed action is accepted once. Rebuilt by the handlers on replay. */
  readonly usedProofs: Set<string>;
}

export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
export const nowMs = () => new Date().getTime();

/** Opens the task: its first state (due and reminder times from the SLA) and its search attributes. */
export function openTask(input: HumanTaskInput): TaskRun {
  const state = initialTaskState(workflowInfo().workflowId, input, nowMs());
  // Notifications go out beside the timeline: a notifier retrying through a mail outage must not hold back the
  // next step (the expiry after an escalation). The task waits for those still under way only before it ends.
  const notifyBesideTimeline = patched('human-task-notifications-beside-timeline');
  // Delegation may hand over the work, never the decision; actors must be signed by the API.
  const decidingRoles = patched('human-task-deciding-roles');
  const signedActors = patched('human-task-signed-actors');
  const sla = slaOf(input);
  const run: TaskRun = {
    state,
    sla,
    expireAt:
      sla?.expireAfter !== undefined && state.dueAt ? Date.parse(state.dueAt) + durationMs(sla.expireAfter) : undefined,
    notifyBesideTimeline,
    notifications: new Set(),
    sync: { syncedVersion: 0, requests: 0, served: 0 },
    signedActors,
    decidingRoles,
    actorKeys: undefined,
    usedProofs: new Set(),
  };
  upsertSearchAttributes([
    { key: BpoProcess, value: state.process },
    ...(state.dueAt ? [{ key: BpoDueDate, value: new Date(state.dueAt) }] : []),
  ]);
  publish(run);
  return run;
}

/** Who holds the task and who may take it, for visibility to filter like the inbox. */
function publish({ state }: TaskRun): void {
  upsertSearchAttributes([
    { key: BpoStatus, value: state.status },
    { key: BpoAssignee, value: state.assignee },
    { key: BpoCandidateRoles, value: state.candidateRoles },
  ]);
}

/** Records a change the caller has made to the state (audit record, new version) and publishes it. */
export function transition(
  run: TaskRun,
  actor: string,
  action: AuditRecord['action'],
  extra: Partial<Omit<AuditRecord, 'seq' | 'at'>> = {},
): void {
  recordTransition(run.state, nowMs(), { actor, action, ...extra });
  publish(run);
}

/** The state once the store holds the version it has now: what every Update returns. */
export async function whenSynced(run: TaskRun): Promise<TaskState> {
  const version = run.state.version;
  await condition(() => run.sync.syncedVersion >= version);
  return clone(run.state);
}
