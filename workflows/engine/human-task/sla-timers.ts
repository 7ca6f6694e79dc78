/** The task's SLA timeline: waiting for people's decision while its reminder, escalation and expiry come due. */
import { condition } from '@temporalio/workflow';
import { isClosed, widenDeciders } from './rules';
import { addressees, notify } from './task-notifications';
import { nowMs, transition, type TaskRun } from './task-run';

/**
 * The decision loop: returns once a person (or the expiry) closes the task. Meanwhile reminder, escalation and
 * expiry fire, each at most once, in time order.
 */
export async function awaitDecision(run: TaskRun): Promise<void> {
  const { state, expireAt } = run;
  while (!isClosed(state)) {
    const events = [
      !state.reminded && state.remindAt ? { at: Date.parse(state.remindAt), fire: () => remind(run) } : undefined,
      !state.escalated && state.dueAt ? { at: Date.parse(state.dueAt), fire: () => escalate(run) } : undefined,
      expireAt !== undefined ? { at: expireAt, fire: () => expire(run) } : undefined,
    ].filter((e) => e !== undefined);
    const next = events.sort((a, b) => a.at - b.at)[0];
    if (!next) {
      await condition(() => isClosed(state));
      return;
    }
    const closedFirst = await condition(() => isClosed(state), Math.max(next.at - nowMs(), 1));
    if (!closedFirst) await next.fire();
  }
}

async function remind(run: TaskRun): Promise<void> {
  const { state } = run;
  state.reminded = true;
  transition(run, 'system', 'reminded', { comment: `due at ${state.dueAt}` });
  await notify(run, 'reminder', addressees(run));
}

/** The due date passed: the task goes to the SLA's escalation candidates, if it names any, and is flagged. */
async function escalate(run: TaskRun): Promise<void> {
  const { state } = run;
  state.escalated = true;
  const target = run.sla?.escalateTo;
  if (target && ((target.roles?.length ?? 0) > 0 || (target.users?.length ?? 0) > 0)) {
    const from = state.assignee ?? state.candidateRoles.join(',');
    state.status = 'open';
    state.assignee = null;
    state.candidateRoles = [...(target.roles ?? [])];
    state.candidateUsers = [...(target.users ?? [])];
    // The process declared who takes over an overdue task: they decide too.
    state.deciders = widenDeciders(state, target);
    transition(run, 'system', 'escalated', {
      from,
      to: [...state.candidateRoles.map((r) => `role:${r}`), ...state.candidateUsers].join(','),
      comment: 'the due date passed',
    });
  } else {
    transition(run, 'system', 'escalated', { comment: 'the due date passed' });
  }
  await notify(run, 'escalation', addressees(run));
}

async function expire(run: TaskRun): Promise<void> {
  const { state } = run;
  state.status = 'expired';
  state.assignee = null;
  transition(run, 'system', 'expired', { comment: 'no one completed the task in time' });
  await notify(run, 'expired', addressees(run));
}
