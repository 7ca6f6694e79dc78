/** The task's messages: the query, the Updates people work it with, the store rewrite and the cancel signal. */
import { ApplicationFailure, condition, log, patched, setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { verifyActorProof, type ActorProof } from '../../../schemas/engine/actor-signature';
import { isSupervisor, TaskErrorType, type Actor, type TaskState } from '../../../schemas/engine/human-task';
import { checkActorProof, loadActorKeys, spendActorProof } from './actor-proof';
import {
  cancelTaskSignal,
  claimTaskUpdate,
  commentTaskUpdate,
  completeTaskUpdate,
  reassignTaskUpdate,
  refreshActorKeysUpdate,
  resyncTaskUpdate,
  taskStateQuery,
  unclaimTaskUpdate,
  type Acting,
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

/** The query answers as soon as the task opens, before it takes Updates. */
export function installTaskQuery(run: TaskRun): void {
  setHandler(taskStateQuery, () => run.state);
}

/**
 * An Update people send: its actor's signature is checked first (a run opened before signed actors has no keys
 * until the API asks it to load them), then the task's rules; the handler spends the signature and returns the new state once the store holds it.
 */
function actingUpdate<A extends Acting>(
  run: TaskRun,
  update: UpdateDefinition<TaskState, [A]>,
  rules: (args: A) => void,
  apply: (args: A) => void,
): void {
  setHandler(
    update,
    async (args) => {
      spendActorProof(run, args);
      apply(args);
      return whenSynced(run);
    },
    {
      validator: (args) => {
        checkActorProof(run, update.name, args);
        rules(args);
      },
    },
  );
}

/** Every Update is checked by the task's rules first and returns the new state once the store holds it. */
export function installTaskHandlers(run: TaskRun): void {
  const { state } = run;
  actingUpdate(
    run,
    claimTaskUpdate,
    ({ actor }) => refuse(checkClaim(state, actor)),
    ({ actor }) => claim(run, actor),
  );
  actingUpdate(
    run,
    unclaimTaskUpdate,
    ({ actor }) => refuse(checkUnclaim(state, actor)),
    ({ actor, comment }) => unclaim(run, actor, comment),
  );
  actingUpdate(
    run,
    completeTaskUpdate,
    ({ actor, data }) => {
      const checked = checkComplete(state, actor, data);
      if ('violation' in checked) refuse(checked.violation);
      // Runs opened before deciding roles would count an override as an approval: refuse it there instead.
      else if (checked.override && !run.decidingRoles)
        refuse({
          type: TaskErrorType.forbidden,
          message: `${actor.username} does not hold a deciding role for this task`,
        });
    },
    ({ actor, data, comment }) => complete(run, actor, data, comment),
  );
  actingUpdate(
    run,
    reassignTaskUpdate,
    ({ actor, toUser, toRole }) => refuse(checkReassign(state, actor, { toUser, toRole })),
    ({ actor, toUser, toRole, comment }) => reassign(run, actor, { toUser, toRole }, comment),
  );
  actingUpdate(
    run,
    commentTaskUpdate,
    ({ actor, text }) => refuse(checkComment(state, actor, text)),
    ({ actor, text }) => transition(run, actor.username, 'commented', { comment: text.trim() }),
  );
  setHandler(resyncTaskUpdate, async () => {
    const request = ++run.sync.requests;
    await condition(() => run.sync.served >= request);
    return clone(state);
  });
  setHandler(
    refreshActorKeysUpdate,
    async () => {
      await loadActorKeys(run);
    },
    {
      validator: () =>
        refuse(isClosed(state) ? { type: TaskErrorType.conflict, message: `the task is ${state.status}` } : undefined),
    },
  );
  setHandler(cancelTaskSignal, (args) => {
    if (isClosed(state)) return;
    const actor = typeof args.actor === 'string' ? args.actor : args.actor.username;
    // A signal has no validator: since signed actors, an unsigned or non-supervisor cancel is ignored (and logged).
    if (patched('human-task-signed-cancel') && !cancelIsSigned(run, args)) {
      log.warn('cancel refused: not signed by the API for a supervisor', { taskId: state.id, actor });
      return;
    }
    spendActorProof(run, args);
    state.status = 'cancelled';
    state.assignee = null;
    transition(run, actor, 'cancelled', { comment: args.comment });
  });
}

type CancelArgs = { actor: string | Actor; comment?: string; proof?: ActorProof };

function cancelIsSigned(run: TaskRun, args: CancelArgs): boolean {
  if (typeof args.actor === 'string' || !isSupervisor(args.actor) || !args.proof) return false;
  if (run.usedProofs.has(args.proof.signature)) return false;
  const fields = { taskId: run.state.id, update: cancelTaskSignal.name, actor: args.actor, args, proof: args.proof };
  return verifyActorProof(run.actorKeys ?? {}, fields, nowMs()) === undefined;
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
  if (run.decidingRoles && 'override' in checked && checked.override) {
    // A supervisor without a deciding role: on the record, but neither an approval nor a rejection.
    state.status = 'open';
    state.assignee = null;
    transition(run, actor.username, 'signed-off', { data: parsed, comment, override: true });
    return;
  }
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
  // Who works the task changes; who may decide (state.deciders) does not.
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
