import { describe, expect, it } from 'vitest';
import type { Actor, TaskState } from '../../schemas/engine/human-task';
import {
  allowedActions,
  checkComplete,
  decidersOf,
  isDecider,
  widenDeciders,
} from '../../workflows/engine/human-task/rules';

const who = (username: string, ...roles: string[]): Actor => ({ username, roles });
const approve = { decision: 'approve' };

/** An approval task for approvers, as a process asks for it; `changes` are what delegation did to it since. */
function task(changes: Partial<TaskState> = {}): TaskState {
  return {
    status: 'open',
    assignee: null,
    candidateRoles: ['approver'],
    candidateUsers: [],
    deciders: { roles: ['approver'], users: [] },
    excludedUsers: ['requester'],
    signOffs: [],
    form: 'approval',
    ...changes,
  } as TaskState;
}

describe('deciding roles: delegation hands over the work, not the decision', () => {
  it('item 2: a clerk the task was delegated to may not sign off', () => {
    const delegated = task({ status: 'claimed', assignee: 'clerk', candidateUsers: ['clerk'] });
    const checked = checkComplete(delegated, who('clerk', 'clerk'), approve);
    expect(checked).toMatchObject({ violation: { type: 'TaskForbidden', message: /deciding role/ } });
    expect(allowedActions(delegated, who('clerk', 'clerk'))).not.toContain('complete');
  });

  it('item 2: a clerk may not approve a task handed to the clerk role', () => {
    const handed = task({ candidateRoles: ['clerk'] });
    expect(checkComplete(handed, who('clerk', 'clerk'), approve)).toMatchObject({
      violation: { type: 'TaskForbidden' },
    });
  });

  it('item 2: a manager or admin without the deciding role signs off only as an override', () => {
    const held = task({ status: 'claimed', assignee: 'manager', candidateUsers: ['manager'] });
    expect(checkComplete(held, who('manager', 'manager'), approve)).toEqual({ data: approve, override: true });
    expect(checkComplete(task(), who('admin', 'admin'), approve)).toEqual({ data: approve, override: true });
    expect(checkComplete(task(), who('boss', 'admin', 'approver'), approve)).toEqual({
      data: approve,
      override: false,
    });
  });

  it('counts a decider by role or by name, and the excluded requester never', () => {
    expect(isDecider(task(), who('approver', 'approver'))).toBe(true);
    expect(isDecider(task({ deciders: { roles: [], users: ['ann'] } }), who('ann'))).toBe(true);
    expect(checkComplete(task(), who('requester', 'approver'), approve)).toMatchObject({
      violation: { type: 'TaskFourEyes' },
    });
  });

  it('lets an escalation widen the deciders, as the process declared', () => {
    expect(widenDeciders(task(), { roles: ['manager', 'approver'], users: ['ceo'] })).toEqual({
      roles: ['approver', 'manager'],
      users: ['ceo'],
    });
  });

  it('lets the candidates decide on tasks opened before deciders were kept', () => {
    const legacy = task({ deciders: undefined, candidateRoles: ['approver'], candidateUsers: ['ann'] });
    expect(decidersOf(legacy)).toEqual({ roles: ['approver'], users: ['ann'] });
  });
});
