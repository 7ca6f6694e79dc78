import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskStore } from '../platform/task-store/task-store';
import { sampleTask } from './fixtures/tasks';
import { openTestTaskStore, storeKinds } from './helpers/task-stores';

describe.each(storeKinds)('task store on %s', (kind) => {
  let store: TaskStore;
  beforeAll(async () => {
    store = await openTestTaskStore(kind);
  });
  afterAll(async () => {
    await store.close();
  });

  it('keeps the highest version: a late or repeated write never moves a task back', async () => {
    const v1 = sampleTask();
    const v3 = { ...v1, version: 3, status: 'claimed' as const, assignee: 'approver' };
    expect(await store.upsertTask(v1)).toEqual({ applied: true });
    expect(await store.upsertTask(v3)).toEqual({ applied: true });
    expect(await store.upsertTask({ ...v1, version: 2, status: 'open' })).toEqual({ applied: false });
    expect(await store.upsertTask(v3)).toEqual({ applied: false });
    expect(await store.getTask(v1.id)).toMatchObject({ version: 3, status: 'claimed', assignee: 'approver' });
  });

  it('writes a deleted row again (rebuild) and reports it in the change feed', async () => {
    const task = sampleTask({ version: 4 });
    await store.upsertTask(task);
    const before = await store.lastChangeSeq();
    await store.deleteTask(task.id);
    expect(await store.getTask(task.id)).toBeUndefined();
    expect(await store.upsertTask(task)).toEqual({ applied: true });
    const changes = await store.changesSince(before);
    expect(changes.map((c) => c.task.id)).toContain(task.id);
  });

  it('filters like the inbox: mine, role queue, visibility, status, process, due date and text', async () => {
    const proc = `filters-${kind}-${Date.now()}`;
    const make = (o: Parameters<typeof sampleTask>[0]) => sampleTask({ process: proc, ...o });
    const tasks = [
      make({ title: 'Approve laptops', status: 'claimed', assignee: 'approver', dueAt: '2026-03-01T00:00:00.000Z' }),
      make({ title: 'Approve chairs', candidateRoles: ['approver'], dueAt: '2026-03-05T00:00:00.000Z' }),
      make({ title: 'Check payroll', candidateRoles: ['manager'], dueAt: null, context: { employee: 'Zoë Quist' } }),
      make({ title: 'Old one', status: 'completed', candidateUsers: ['clerk'], candidateRoles: [] }),
    ];
    for (const t of tasks) await store.upsertTask(t);
    const titles = async (q: Parameters<TaskStore['listTasks']>[0]) =>
      (await store.listTasks({ process: proc, ...q })).items.map((t) => t.title);

    expect(await titles({ assignee: 'approver' })).toEqual(['Approve laptops']);
    expect(await titles({ candidate: { username: 'x', roles: ['approver'] }, status: ['open'] })).toEqual([
      'Approve chairs',
    ]);
    expect(await titles({ role: 'manager' })).toEqual(['Check payroll']);
    expect(await titles({ visibleTo: { username: 'clerk', roles: ['clerk'] } })).toEqual(['Old one']);
    expect(await titles({ status: ['open', 'claimed'] })).toEqual([
      'Approve laptops',
      'Approve chairs',
      'Check payroll',
    ]);
    expect(await titles({ dueBefore: new Date('2026-03-02T00:00:00Z') })).toEqual(['Approve laptops']);
    expect(await titles({ q: 'ZOË' })).toEqual(['Check payroll']);
    expect(await titles({ q: '100%_' })).toEqual([]);
    expect(await titles({ sort: '-due', status: ['open', 'claimed'] })).toEqual([
      'Check payroll',
      'Approve chairs',
      'Approve laptops',
    ]);
  });

  it('pages with a cursor in every sort order without skipping or repeating', async () => {
    const proc = `paging-${kind}-${Date.now()}`;
    const all = Array.from({ length: 23 }, (_, i) =>
      sampleTask({
        process: proc,
        priority: i % 3,
        // Some share a due date, some have none: the id breaks ties.
        dueAt: i % 5 === 0 ? null : new Date(Date.UTC(2026, 2, 1 + (i % 4))).toISOString(),
        createdAt: new Date(Date.UTC(2026, 1, 1, 0, i)).toISOString(),
      }),
    );
    for (const t of all) await store.upsertTask(t);
    for (const sort of ['due', '-due', 'created', '-created', 'priority'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listTasks({ process: proc, sort, limit: 5, cursor });
        seen.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(all.length);
      const full = (await store.listTasks({ process: proc, sort, limit: 100 })).items.map((t) => t.id);
      expect(seen, sort).toEqual(full);
    }
  });
});
