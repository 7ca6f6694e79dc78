/**
 * The one visibility rule (platform/task-store/visibility.ts) that lists and reads by id share: who sees a task,
 * a case and a restricted record, and that the list's SQL selects what the in-memory check allows.
 */
import { describe, expect, it } from 'vitest';
import { buildListQuery } from '../../platform/task-store/list-query';
import {
  canReadRestricted,
  canSeeCase,
  canSeeTask,
  seesEverything,
  startedByMemo,
  startedByOf,
  type TaskAudience,
} from '../../platform/task-store/visibility';

const task: TaskAudience = { assignee: null, candidateRoles: ['approver'], candidateUsers: ['dora'] };
const user = (username: string, ...roles: string[]) => ({ username, roles });

describe('item 6: the visibility rule', () => {
  it('item 6: a task is seen by its candidates, its assignee, supervisors and auditors; not by others', () => {
    expect(canSeeTask(task, user('ann', 'approver'))).toBe(true);
    expect(canSeeTask(task, user('dora', 'clerk'))).toBe(true);
    expect(canSeeTask({ ...task, assignee: 'carl' }, user('carl', 'clerk'))).toBe(true);
    expect(canSeeTask(task, user('mona', 'manager'))).toBe(true);
    expect(canSeeTask(task, user('aud', 'auditor'))).toBe(true);
    expect(canSeeTask(task, user('carl', 'clerk'))).toBe(false);
    expect(canSeeTask(task, user('paula', 'payroll'))).toBe(false);
  });

  it('item 6: a case is seen by its starter and by whoever sees one of its tasks, asked only when needed', async () => {
    let asked = 0;
    const audience = (visible: boolean, startedBy: string | null = 'clara') => ({
      startedBy,
      hasVisibleTask: async () => {
        asked += 1;
        return visible;
      },
    });
    expect(await canSeeCase(audience(false), user('clara', 'clerk'))).toBe(true);
    expect(await canSeeCase(audience(false), user('mona', 'manager'))).toBe(true);
    expect(asked).toBe(0);
    expect(await canSeeCase(audience(true), user('ann', 'approver'))).toBe(true);
    expect(await canSeeCase(audience(false), user('paula', 'payroll'))).toBe(false);
    expect(await canSeeCase(audience(false, null), user('clara', 'clerk'))).toBe(false);
  });

  it('item 4: a restricted record is read by its roles, admins and auditors; not by managers or the case', () => {
    const readers = ['payroll', 'hr', 'payroll-security'];
    expect(canReadRestricted(readers, user('paula', 'payroll'))).toBe(true);
    expect(canReadRestricted(readers, user('sami', 'payroll-security'))).toBe(true);
    expect(canReadRestricted(readers, user('ada', 'admin'))).toBe(true);
    expect(canReadRestricted(readers, user('aud', 'auditor'))).toBe(true);
    for (const role of ['manager', 'approver', 'clerk'])
      expect(canReadRestricted(readers, user('x', role))).toBe(false);
  });

  it('item 6: the starter travels in the memo and only a string counts', () => {
    expect(startedByOf(startedByMemo('clara'))).toBe('clara');
    expect(startedByOf(undefined)).toBeNull();
    expect(startedByOf({ bpoStartedBy: ['clara'] })).toBeNull();
    expect(seesEverything(user('aud', 'auditor'))).toBe(true);
    expect(seesEverything(user('ann', 'approver'))).toBe(false);
  });

  it("item 6: a case's tasks are its own and its child runs' (ids `<run>:…`), with LIKE wildcards escaped", () => {
    const { sql, params } = buildListQuery({ caseWorkflowId: 'batch_1', visibleTo: user('ann', 'approver'), limit: 1 });
    expect(sql).toMatch(/process_workflow_id = \$\d+ OR process_workflow_id LIKE \$\d+/);
    expect(params).toEqual(expect.arrayContaining(['batch_1', 'batch\\_1:%', 'ann', ['approver']]));
  });
});
