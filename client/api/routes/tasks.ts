import { z } from 'zod';
import { taskStatuses, type TaskStatus } from '../../../schemas/engine/human-task';
import { InvalidCursorError } from '../../../platform/task-store/list-query';
import type { TaskListQuery } from '../../../platform/task-store/task-store';
import { seesEverything } from '../../../platform/task-store/visibility';
import { requireUser } from '../auth/session';
import type { ApiApp, ApiDeps } from '../context';
import { invalid } from '../errors';
import { loadVisibleTask } from '../tasks/task-access';
import { taskDetail, taskViewDeps, taskSummary } from '../tasks/task-view';

const statusList = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (!text) return ['open', 'claimed'] as TaskStatus[];
    if (text === 'any') return [...taskStatuses];
    const items = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = items.filter((s) => !taskStatuses.includes(s as TaskStatus));
    if (unknown.length)
      ctx.addIssue({
        code: 'custom',
        message: `unknown status ${unknown.join(', ')}; use ${taskStatuses.join(', ')} or any`,
      });
    return items as TaskStatus[];
  });

export const listQuerySchema = z.object({
  view: z.enum(['mine', 'queue', 'all']).default('all'),
  role: z.string().trim().min(1).optional(),
  status: statusList,
  process: z.string().trim().min(1).optional(),
  dueBefore: z.iso
    .datetime({ offset: true, message: 'must be an ISO date-time, e.g. 2026-01-31T17:00:00Z' })
    .optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(['due', '-due', 'created', '-created', 'priority']).default('due'),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  token: z.string().optional(),
});

export const taskIdParams = z.object({ id: z.string().min(1) });

export function registerTaskRoutes(app: ApiApp, deps: ApiDeps): void {
  const view = taskViewDeps(deps.config);
  app.get(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'The inbox: my tasks (mine), tasks my roles may take (queue), or all I may see (all)',
        querystring: listQuerySchema,
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const query: TaskListQuery = {
        status: q.status,
        role: q.role,
        process: q.process,
        dueBefore: q.dueBefore ? new Date(q.dueBefore) : undefined,
        q: q.q,
        sort: q.sort,
        cursor: q.cursor,
        limit: q.limit,
      };
      if (q.view === 'mine') query.assignee = user.username;
      else if (q.view === 'queue') query.candidate = user;
      // The same rule filters the live event stream (routes/events.ts).
      else if (!seesEverything(user)) query.visibleTo = user;
      try {
        const page = await deps.store.listTasks(query);
        return { items: page.items.map((t) => taskSummary(t)), nextCursor: page.nextCursor };
      } catch (err) {
        if (err instanceof InvalidCursorError) throw invalid(err.message, [{ path: 'cursor', message: err.message }]);
        throw err;
      }
    },
  );

  app.get(
    '/api/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'One task with its form, context, evidence, audit trail and allowed actions',
        description:
          'Answers 404, as for a task that does not exist, to a user whose inbox list would not show the task.',
        params: taskIdParams,
      },
    },
    async (request) => {
      const user = requireUser(request);
      return taskDetail(await loadVisibleTask(deps, request.params.id, user), user, view);
    },
  );
}
