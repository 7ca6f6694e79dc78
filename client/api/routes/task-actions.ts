import { z } from 'zod';
import type { TaskState } from '../../../schemas/engine/human-task';
import {
  claimTaskUpdate,
  commentTaskUpdate,
  completeTaskUpdate,
  reassignTaskUpdate,
  unclaimTaskUpdate,
} from '../../../workflows/engine/human-task/messages';
import { requireUser } from '../auth/session';
import type { ApiApp, ApiDeps, ApiUser } from '../context';
import { ApiError, invalid } from '../errors';
import { actionAnswer } from '../tasks/action-answer';
import { loadVisibleTask, updateTask } from '../tasks/task-access';
import { taskViewDeps } from '../tasks/task-view';
import { taskIdParams } from './tasks';

const comment = z.string().trim().max(2000, 'must be at most 2000 characters').optional();
const completeBody = z.object({ data: z.unknown().refine((v) => v !== undefined, 'is required'), comment });

/** Completes one task as `user`; shared by the single and the bulk route. */
async function completeTask(
  deps: ApiDeps,
  user: ApiUser,
  taskId: string,
  body: z.infer<typeof completeBody>,
): Promise<TaskState> {
  await loadVisibleTask(deps, taskId, user);
  return updateTask(deps, taskId, completeTaskUpdate, { actor: user, data: body.data, comment: body.comment });
}

export function registerTaskActionRoutes(app: ApiApp, deps: ApiDeps): void {
  const tags = ['tasks'];
  const view = taskViewDeps(deps.config);

  app.post(
    '/api/tasks/:id/claim',
    { schema: { tags, summary: 'Take an open task', params: taskIdParams } },
    async (request) => {
      const user = requireUser(request);
      await loadVisibleTask(deps, request.params.id, user);
      return actionAnswer(await updateTask(deps, request.params.id, claimTaskUpdate, { actor: user }), user, view);
    },
  );

  app.post(
    '/api/tasks/:id/unclaim',
    {
      schema: {
        tags,
        summary: 'Give a claimed task back to its queue',
        params: taskIdParams,
        body: z.object({ comment }).nullish(),
      },
    },
    async (request) => {
      const user = requireUser(request);
      await loadVisibleTask(deps, request.params.id, user);
      return actionAnswer(
        await updateTask(deps, request.params.id, unclaimTaskUpdate, { actor: user, comment: request.body?.comment }),
        user,
        view,
      );
    },
  );

  app.post(
    '/api/tasks/:id/complete',
    {
      schema: {
        tags,
        summary: "Complete a task with its form's data (checked against the form schema)",
        params: taskIdParams,
        body: completeBody,
      },
    },
    async (request) => {
      const user = requireUser(request);
      return actionAnswer(await completeTask(deps, user, request.params.id, request.body), user, view);
    },
  );

  app.post(
    '/api/tasks/:id/reassign',
    {
      schema: {
        tags,
        summary: 'Hand a task to a user (delegate) or back to a role queue',
        params: taskIdParams,
        body: z.object({
          toUser: z.string().trim().min(1).optional(),
          toRole: z.string().trim().min(1).optional(),
          comment,
        }),
      },
    },
    async (request) => {
      const user = requireUser(request);
      await loadVisibleTask(deps, request.params.id, user);
      const { toUser, toRole } = request.body;
      if (Boolean(toUser) === Boolean(toRole)) {
        throw invalid('give exactly one of toUser and toRole', [
          { path: toUser ? 'toRole' : 'toUser', message: 'give exactly one of toUser and toRole' },
        ]);
      }
      if (toUser && !deps.users.find(toUser))
        throw invalid(`there is no user ${toUser}`, [{ path: 'toUser', message: 'is not a known user' }]);
      return actionAnswer(
        await updateTask(deps, request.params.id, reassignTaskUpdate, { actor: user, ...request.body }),
        user,
        view,
      );
    },
  );

  app.post(
    '/api/tasks/:id/comment',
    {
      schema: {
        tags,
        summary: 'Add a comment to the audit trail',
        params: taskIdParams,
        body: z.object({ text: z.string().trim().min(1, 'must not be empty').max(2000) }),
      },
    },
    async (request) => {
      const user = requireUser(request);
      await loadVisibleTask(deps, request.params.id, user);
      return actionAnswer(
        await updateTask(deps, request.params.id, commentTaskUpdate, { actor: user, text: request.body.text }),
        user,
        view,
      );
    },
  );

  app.post(
    '/api/tasks/bulk-complete',
    {
      schema: {
        tags,
        summary: 'Complete many tasks; each item is checked and answered on its own',
        body: z.object({
          items: z
            .array(completeBody.extend({ taskId: z.string().min(1) }))
            .min(1, 'must hold at least one item')
            .max(200),
        }),
      },
    },
    async (request) => {
      const user = requireUser(request);
      const results = [];
      // One after the other: each item's outcome is independent, and a task listed twice sees the first result.
      for (const item of request.body.items) {
        try {
          const task = await completeTask(deps, user, item.taskId, item);
          results.push({ taskId: item.taskId, ok: true, status: 200, taskStatus: task.status });
        } catch (err) {
          if (!(err instanceof ApiError)) request.log.error({ err, taskId: item.taskId }, 'bulk item failed');
          const refusal =
            err instanceof ApiError ? err : new ApiError(500, 'internal', 'the task could not be completed; try again');
          results.push({ taskId: item.taskId, ok: false, status: refusal.status, error: refusal.toBody().error });
        }
      }
      return { results };
    },
  );
}
