import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createNotifyActivities } from '../../../activities/engine/notify';
import type { createTaskStoreActivities } from '../../../activities/engine/tasks';
import type { Candidates, HumanTaskInput, HumanTaskOutcome, TaskState } from '../../../schemas/engine/human-task';
import { BpoAssignee, BpoCandidateRoles, BpoDueDate, BpoProcess, BpoStatus } from '../search-attributes';
import {
  cancelTaskSignal,
  claimTaskUpdate,
  commentTaskUpdate,
  completeTaskUpdate,
  reassignTaskUpdate,
  resyncTaskUpdate,
  taskStateQuery,
  unclaimTaskUpdate,
} from './messages';
import {
  checkClaim,
  checkComment,
  checkComplete,
  checkReassign,
  checkUnclaim,
  isClosed,
  type RuleViolation,
} from './rules';
import { durationMs } from './sla';
import { initialTaskState, recordTransition, slaOf } from './task-state';
import { taskFailures } from '../../../schemas/engine/failures';

// The store write must eventually land: retry without limit, quickly at first.
const store = proxyActivities<ReturnType<typeof createTaskStoreActivities>>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});
// A lost reminder must not stop the task: a few attempts, then the workflow logs and goes on.
const notifier = proxyActivities<ReturnType<typeof createNotifyActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 5 },
});

/** Validators throw, synchronously, so a refused Update leaves no trace in the history. */
function refuse(violation: RuleViolation | undefined): void {
  if (violation)
    throw ApplicationFailure.create({
      type: violation.type,
      message: violation.message,
      details: [violation.fields ?? []],
      nonRetryable: true,
    });
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const nowMs = () => new Date().getTime();

/**
 * One human task: claimed, worked and completed by people through Updates, reminded and escalated by its own
 * timers, mirrored into the task store after every transition. The parent waits for its result.
 */
export async function humanTaskWorkflow(input: HumanTaskInput): Promise<HumanTaskOutcome<unknown>> {
  const state = initialTaskState(workflowInfo().workflowId, input, nowMs());
  // Notifications go out beside the timeline: a notifier retrying through a mail outage must not hold back the
  // next step (the expiry after an escalation). The task waits for those still under way only before it ends.
  const notifyBesideTimeline = patched('human-task-notifications-beside-timeline');
  const notifications = new Set<Promise<void>>();
  const sla = slaOf(input);
  const expireAt =
    sla?.expireAfter !== undefined && state.dueAt ? Date.parse(state.dueAt) + durationMs(sla.expireAfter) : undefined;

  // Store sync: one loop writes the newest state whenever the version moves or someone asks for a rewrite.
  let syncedVersion = 0;
  let syncRequests = 0;
  let syncServed = 0;
  const whenSynced = async (): Promise<TaskState> => {
    const version = state.version;
    await condition(() => syncedVersion >= version);
    return clone(state);
  };
  const publish = () =>
    upsertSearchAttributes([
      { key: BpoStatus, value: state.status },
      { key: BpoAssignee, value: state.assignee },
      { key: BpoCandidateRoles, value: state.candidateRoles },
    ]);
  const transition = (
    actor: string,
    record: Parameters<typeof recordTransition>[2]['action'],
    extra: Partial<Parameters<typeof recordTransition>[2]> = {},
  ) => {
    recordTransition(state, nowMs(), { actor, action: record, ...extra });
    publish();
  };

  upsertSearchAttributes([
    { key: BpoProcess, value: state.process },
    ...(state.dueAt ? [{ key: BpoDueDate, value: new Date(state.dueAt) }] : []),
  ]);
  publish();

  setHandler(taskStateQuery, () => state);

  setHandler(
    claimTaskUpdate,
    async ({ actor }) => {
      state.status = 'claimed';
      state.assignee = actor.username;
      transition(actor.username, 'claimed');
      return whenSynced();
    },
    { validator: ({ actor }) => refuse(checkClaim(state, actor)) },
  );

  setHandler(
    unclaimTaskUpdate,
    async ({ actor, comment }) => {
      const from = state.assignee ?? undefined;
      state.status = 'open';
      state.assignee = null;
      transition(actor.username, 'unclaimed', { from, comment });
      return whenSynced();
    },
    { validator: ({ actor }) => refuse(checkUnclaim(state, actor)) },
  );

  setHandler(
    completeTaskUpdate,
    async ({ actor, data, comment }) => {
      const checked = checkComplete(state, actor, data);
      const parsed = 'data' in checked ? checked.data : data;
      state.signOffs.push({ by: actor.username, at: new Date(nowMs()).toISOString(), data: parsed, comment });
      // A rejection ends the task at once; approvals count until enough distinct people have signed.
      const rejected = (parsed as { decision?: unknown } | null)?.decision === 'reject';
      if (rejected || state.signOffs.length >= state.approvalsRequired) {
        state.status = 'completed';
        state.assignee = actor.username;
        transition(actor.username, 'completed', { data: parsed, comment });
      } else {
        state.status = 'open';
        state.assignee = null;
        transition(actor.username, 'signed-off', { data: parsed, comment });
      }
      return whenSynced();
    },
    {
      validator: ({ actor, data }) => {
        const checked = checkComplete(state, actor, data);
        if ('violation' in checked) refuse(checked.violation);
      },
    },
  );

  setHandler(
    reassignTaskUpdate,
    async ({ actor, toUser, toRole, comment }) => {
      const from = state.assignee ?? state.candidateRoles.join(',');
      if (toUser) {
        state.status = 'claimed';
        state.assignee = toUser;
        if (!state.candidateUsers.includes(toUser)) state.candidateUsers.push(toUser);
      } else if (toRole) {
        state.status = 'open';
        state.assignee = null;
        state.candidateRoles = [toRole];
        state.candidateUsers = [];
      }
      transition(actor.username, 'reassigned', { from, to: toUser ?? `role:${toRole}`, comment });
      return whenSynced();
    },
    { validator: ({ actor, toUser, toRole }) => refuse(checkReassign(state, actor, { toUser, toRole })) },
  );

  setHandler(
    commentTaskUpdate,
    async ({ actor, text }) => {
      transition(actor.username, 'commented', { comment: text.trim() });
      return whenSynced();
    },
    { validator: ({ actor, text }) => refuse(checkComment(state, actor, text)) },
  );

  setHandler(resyncTaskUpdate, async () => {
    const request = ++syncRequests;
    await condition(() => syncServed >= request);
    return clone(state);
  });

  setHandler(cancelTaskSignal, ({ actor, comment }) => {
    if (isClosed(state)) return;
    state.status = 'cancelled';
    state.assignee = null;
    transition(actor, 'cancelled', { comment });
  });

  const syncLoop = async () => {
    for (;;) {
      await condition(() => state.version > syncedVersion || syncRequests > syncServed);
      const serving = syncRequests;
      const snapshot = clone(state);
      await store.upsertTaskRecord(snapshot);
      syncedVersion = Math.max(syncedVersion, snapshot.version);
      syncServed = serving;
    }
  };

  const send = async (kind: 'reminder' | 'escalation' | 'expired', to: Candidates) => {
    try {
      await notifier.notify({
        kind,
        taskId: state.id,
        title: state.title,
        process: state.process,
        dueAt: state.dueAt,
        to,
      });
    } catch (err) {
      log.warn('notification failed; the task goes on', { kind, taskId: state.id, error: String(err) });
    }
  };
  // Runs started before this change waited for each notification before the next step of the timeline.
  const notify = async (kind: 'reminder' | 'escalation' | 'expired', to: Candidates) => {
    if (!notifyBesideTimeline) return send(kind, to);
    const sending = send(kind, to);
    notifications.add(sending);
    void sending.finally(() => notifications.delete(sending));
  };
  const addressees = (): Candidates =>
    state.assignee
      ? { users: [state.assignee], roles: [] }
      : { users: [...state.candidateUsers], roles: [...state.candidateRoles] };

  /** Reminder, escalation and expiry, each at most once, in time order, until a person closes the task. */
  const timeline = async () => {
    while (!isClosed(state)) {
      const events = [
        !state.reminded && state.remindAt ? { at: Date.parse(state.remindAt), fire: remind } : undefined,
        !state.escalated && state.dueAt ? { at: Date.parse(state.dueAt), fire: escalate } : undefined,
        expireAt !== undefined ? { at: expireAt, fire: expire } : undefined,
      ].filter((e) => e !== undefined);
      const next = events.sort((a, b) => a.at - b.at)[0];
      if (!next) {
        await condition(() => isClosed(state));
        return;
      }
      const closedFirst = await condition(() => isClosed(state), Math.max(next.at - nowMs(), 1));
      if (!closedFirst) await next.fire();
    }
  };
  const remind = async () => {
    state.reminded = true;
    transition('system', 'reminded', { comment: `due at ${state.dueAt}` });
    await notify('reminder', addressees());
  };
  const escalate = async () => {
    state.escalated = true;
    const target = sla?.escalateTo;
    if (target && ((target.roles?.length ?? 0) > 0 || (target.users?.length ?? 0) > 0)) {
      const from = state.assignee ?? state.candidateRoles.join(',');
      state.status = 'open';
      state.assignee = null;
      state.candidateRoles = [...(target.roles ?? [])];
      state.candidateUsers = [...(target.users ?? [])];
      transition('system', 'escalated', {
        from,
        to: [...state.candidateRoles.map((r) => `role:${r}`), ...state.candidateUsers].join(','),
        comment: 'the due date passed',
      });
    } else {
      transition('system', 'escalated', { comment: 'the due date passed' });
    }
    await notify('escalation', addressees());
  };
  const expire = async () => {
    state.status = 'expired';
    state.assignee = null;
    transition('system', 'expired', { comment: 'no one completed the task in time' });
    await notify('expired', addressees());
  };

  // The loop never returns; it lives in its own scope and stops when the workflow ends.
  const syncScope = new CancellationScope();
  syncScope.run(syncLoop).catch((err) => {
    if (!isCancellation(err)) throw err;
  });

  try {
    await timeline();
    await Promise.all([...notifications]);
    await condition(() => syncedVersion >= state.version && allHandlersFinished());
  } catch (err) {
    if (!isCancellation(err)) throw err;
    // The parent (or an operator) cancelled: record it and leave the store agreeing, then end as cancelled.
    await CancellationScope.nonCancellable(async () => {
      if (!isClosed(state)) {
        state.status = 'cancelled';
        state.assignee = null;
        transition('system', 'cancelled', { comment: 'the process was cancelled' });
      }
      await store.upsertTaskRecord(clone(state));
    });
    throw err;
  }
  syncScope.cancel();

  const last = state.signOffs[state.signOffs.length - 1];
  if (state.status === 'completed' && last) {
    return {
      outcome: 'completed',
      taskId: state.id,
      data: last.data,
      completedBy: last.by,
      signOffs: state.signOffs,
      audit: state.audit,
    };
  }
  if (state.status === 'cancelled') throw taskFailures.create('TaskCancelled', 'the task was cancelled');
  return { outcome: 'expired', taskId: state.id, audit: state.audit };
}
