/**
 * Who may do what to a task, as pure functions: the task workflow's Update validators enforce them, and the
 * API uses the same functions to tell the inbox which actions a user has. No Temporal imports here.
 */
import { formSchema, isFormName } from '../../../schemas/engine/forms';
import {
  closedStatuses,
  isSupervisor,
  TaskErrorType,
  type Actor,
  type Candidates,
  type TaskState,
} from '../../../schemas/engine/human-task';
import { fieldErrors, type FieldError } from '../../../schemas/engine/validation';

export interface RuleViolation {
  type: (typeof TaskErrorType)[keyof typeof TaskErrorType];
  message: string;
  fields?: FieldError[];
}

type Rules = Pick<
  TaskState,
  'status' | 'assignee' | 'candidateRoles' | 'candidateUsers' | 'excludedUsers' | 'signOffs' | 'form' | 'deciders'
>;

const violation = (type: RuleViolation['type'], message: string, fields?: FieldError[]): RuleViolation => ({
  type,
  message,
  fields,
});

export const isAdmin = (actor: Actor) => actor.roles.includes('admin');
export const isClosed = (task: Pick<TaskState, 'status'>) => closedStatuses.includes(task.status);

/** A candidate by name or role; admins stand in for anyone. */
export function isCandidate(task: Rules, actor: Actor): boolean {
  return (
    isAdmin(actor) ||
    task.candidateUsers.includes(actor.username) ||
    actor.roles.some((r) => task.candidateRoles.includes(r))
  );
}

/** Who may decide; tasks opened before deciders were kept let their current candidates decide. */
export function decidersOf(task: Rules): Candidates {
  return task.deciders ?? { roles: task.candidateRoles, users: task.candidateUsers };
}

/** Holds a deciding role or is named a decider. Being an admin, a manager or the assignee is not enough. */
export function isDecider(task: Rules, actor: Actor): boolean {
  const deciders = decidersOf(task);
  return deciders.users.includes(actor.username) || actor.roles.some((r) => deciders.roles.includes(r));
}

/** The deciders plus those an escalation hands the task to (the process's own declaration). */
export function widenDeciders(task: Rules, to: Partial<Candidates>): Candidates {
  const deciders = decidersOf(task);
  const union = (a: string[], b: string[] = []) => [...a, ...b.filter((x) => !a.includes(x))];
  return { roles: union(deciders.roles, to.roles), users: union(deciders.users, to.users) };
}

/** Four-eyes: excluded users (e.g. the submitter) and users who already signed off may not work the task. */
export function fourEyesViolation(task: Rules, username: string): RuleViolation | undefined {
  if (task.excludedUsers.includes(username)) {
    return violation(
      TaskErrorType.fourEyes,
      `four-eyes rule: ${username} may not work this task (submitted or involved in it)`,
    );
  }
  if (task.signOffs.some((s) => s.by === username)) {
    return violation(TaskErrorType.fourEyes, `four-eyes rule: ${username} has already signed off; another person must`);
  }
  return undefined;
}

export function checkClaim(task: Rules, actor: Actor): RuleViolation | undefined {
  if (task.status !== 'open')
    return violation(
      TaskErrorType.conflict,
      `the task is ${task.status}${task.assignee ? ` by ${task.assignee}` : ''}; only open tasks can be claimed`,
    );
  if (!isCandidate(task, actor))
    return violation(TaskErrorType.forbidden, `${actor.username} is not a candidate for this task`);
  return fourEyesViolation(task, actor.username);
}

export function checkUnclaim(task: Rules, actor: Actor): RuleViolation | undefined {
  if (task.status !== 'claimed')
    return violation(TaskErrorType.conflict, `the task is ${task.status}; only claimed tasks can be unclaimed`);
  if (task.assignee !== actor.username && !isSupervisor(actor))
    return violation(
      TaskErrorType.forbidden,
      `the task is claimed by ${task.assignee}; only they or a manager can release it`,
    );
  return undefined;
}

/**
 * Checks state, role, four-eyes, the right to decide and then the form, in that order; returns the parsed form
 * data when all pass. A supervisor without a deciding role may still complete, as an `override`: recorded, but it
 * never counts as an approval. Anyone else without a deciding role (e.g. a clerk the task was delegated to) may
 * work on the task but not sign it off.
 */
export function checkComplete(
  task: Rules,
  actor: Actor,
  data: unknown,
): { violation: RuleViolation } | { data: unknown; override: boolean } {
  if (task.status === 'claimed' && task.assignee !== actor.username) {
    return { violation: violation(TaskErrorType.conflict, `the task is claimed by ${task.assignee}`) };
  }
  if (task.status !== 'open' && task.status !== 'claimed') {
    return {
      violation: violation(TaskErrorType.conflict, `the task is ${task.status}; it can no longer be completed`),
    };
  }
  if (task.status === 'open' && !isCandidate(task, actor)) {
    return { violation: violation(TaskErrorType.forbidden, `${actor.username} is not a candidate for this task`) };
  }
  const fourEyes = fourEyesViolation(task, actor.username);
  if (fourEyes) return { violation: fourEyes };
  const override = !isDecider(task, actor);
  if (override && !isSupervisor(actor)) {
    const roles = decidersOf(task).roles.join(', ') || 'none';
    return {
      violation: violation(
        TaskErrorType.forbidden,
        `${actor.username} does not hold a deciding role for this task (deciding roles: ${roles}); ` +
          'delegation hands over the work, not the decision',
      ),
    };
  }
  if (!isFormName(task.form)) return { violation: violation(TaskErrorType.invalid, `unknown form ${task.form}`) };
  const parsed = formSchema(task.form).safeParse(data);
  if (!parsed.success)
    return {
      violation: violation(TaskErrorType.formInvalid, 'the form has invalid fields', fieldErrors(parsed.error)),
    };
  return { data: parsed.data, override };
}

export function checkReassign(
  task: Rules,
  actor: Actor,
  to: { toUser?: string; toRole?: string },
): RuleViolation | undefined {
  if (isClosed(task))
    return violation(TaskErrorType.conflict, `the task is ${task.status}; it can no longer be reassigned`);
  if (task.assignee !== actor.username && !isSupervisor(actor)) {
    return violation(TaskErrorType.forbidden, 'only the assignee or a manager can reassign this task');
  }
  if (Boolean(to.toUser) === Boolean(to.toRole)) {
    return violation(TaskErrorType.invalid, 'give exactly one of toUser and toRole', [
      { path: to.toUser ? 'toRole' : 'toUser', message: 'give exactly one of toUser and toRole' },
    ]);
  }
  if (to.toUser) return fourEyesViolation(task, to.toUser);
  return undefined;
}

export function checkComment(task: Rules, actor: Actor, text: string): RuleViolation | undefined {
  if (isClosed(task)) return violation(TaskErrorType.conflict, `the task is ${task.status}; it takes no more comments`);
  if (!isCandidate(task, actor) && task.assignee !== actor.username && !isSupervisor(actor)) {
    return violation(TaskErrorType.forbidden, `${actor.username} is not involved in this task`);
  }
  if (text.trim().length === 0)
    return violation(TaskErrorType.invalid, 'the comment is empty', [{ path: 'text', message: 'must not be empty' }]);
  return undefined;
}

/** The actions a user may take now, for the inbox's buttons. */
export function allowedActions(task: Rules, actor: Actor): string[] {
  const actions: string[] = [];
  if (!checkClaim(task, actor)) actions.push('claim');
  if (!checkUnclaim(task, actor)) actions.push('unclaim');
  const completing = checkComplete(task, actor, undefined);
  if (!('violation' in completing) || completing.violation.type === TaskErrorType.formInvalid) actions.push('complete');
  if (!isClosed(task) && (task.assignee === actor.username || isSupervisor(actor))) actions.push('reassign');
  if (!checkComment(task, actor, 'x')) actions.push('comment');
  return actions;
}
