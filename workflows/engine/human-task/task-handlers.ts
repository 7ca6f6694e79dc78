/** The task's messages: the query, the Updates people work it with, the store rewrite and the cancel signal. */
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import type { Actor } from '../../../schemas/engine/human-task';
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
import { clone, nowMs, transition, whenSynced, type TaskRun } from './task-run';

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

/** Every Update is checked by the task's rules first and returns the new state once the store holds it. */
export function installTaskHandlers(run: TaskRun): void {
  const { state } = run;
  setHandler(taskStateQuery, () => state);
  setHandler(
    claimTaskUpdate,
    async ({ actor }) => {
      claim(run, actor);
      return whenSynced(run);
    },
    { validator: ({ actor }) => refuse(checkClaim(state, actor)) },
  );
  setHandler(
    unclaimTaskUpdate,
    async ({ actor, comment }) => {
      unclaim(run, actor, comment);
      return whenSynced(run);
    },
    { validator: ({ actor }) => refuse(checkUnclaim(state, actor)) },
  );
  setHandler(
    completeTaskUpdate,
    async ({ actor, data, comment }) => {
      complete(run, actor, data, comment);
      return whenSynced(run);
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
      reassign(run, actor, { toUser, toRole }, comment);
      return whenSynced(run);
    },
    { validator: ({ actor, toUser, toRole }) => refuse(checkReassign(state, actor, { toUser, toRole })) },
  );
  setHandler(
    commentTaskUpdate,
    async ({ actor, text }) => {
      transition(run, actor.username, 'commented', { comment: text.trim() });
      return whenSynced(run);
    },
    { validator: ({ actor, text }) => refuse(checkComment(state, actor, text)) },
  );
  setHandler(resyncTaskUpdate, async () => {
    const request = ++run.sync.requests;
    await condition(() => run.sync.served >= request);
    return clone(state);
  });
  setHandler(cancelTaskSignal, ({ actor, comment }) => {
    if (isClosed(state)) return;
    state.status = 'cancelled';
    state.assignee = null;
    transition(run, actor, 'cancelled', { comment });
  });
}

function claim(run: TaskRun, actor: Actor): void {
  run.state.status = 'claimed';
  run.state.assignee = actor.username;
  transition(run, actor.username, 'claimed');
}

function unclaim(run: TaskRun, actor: Actor, comment: string | undefined): void {
  const { state } = run;
  const from = state.assignee ?? undefined;
  state.status = 'open';
  state.assignee = null;
  transition(run, actor.username, 'unclaimed', { from, comment });
}

function complete(run: TaskRun, actor: Actor, data: unknown, comment: string | undefined): void {
  const { state } = run;
  const checked = checkComplete(state, actor, data);
  const parsed = 'data' in checked ? checked.data : data;
  state.signOffs.push({ by: actor.username, at: new Date(nowMs()).toISOString(), data: parsed, comment });
  // A rejection ends the task at once; approvals count until enough distinct people have signed.
  const rejected = (parsed as { decision?: unknown } | null)?.decision === 'reject';
  if (rejected || state.signOffs.length >= state.approvalsRequired) {
    state.status = 'completed';
    state.assignee = actor.username;
    transition(run, actor.username, 'completed', { data: parsed, comment });
  } else {
    state.status = 'open';
    state.assignee = null;
    transition(run, actor.username, 'signed-off', { data: parsed, comment });
  }
}

function reassign(
  run: TaskRun,
  actor: Actor,
  { toUser, toRole }: { toUser?: string; toRole?: string },
  comment: string | undefined,
): void {
  const { state } = run;
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
  transition(run, actor.username, 'reassigned', { from, to: toUser ?? `role:${toRole}`, comment });
}
