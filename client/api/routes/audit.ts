import { z } from 'zod';
import { canSeeTask } from '../../../platform/task-store/visibility';
import { requireUser } from '../auth/session';
import type { ApiApp, ApiDeps } from '../context';
import { notFound } from '../errors';
import { describeVisibleRun, maySeeCase } from '../tasks/case-access';
import { loadTask } from '../tasks/task-access';
import { taskIdParams } from './tasks';

export function registerAuditRoutes(app: ApiApp, deps: ApiDeps): void {
  const tags = ['audit'];

  app.get(
    '/api/audit/tasks/:id',
    {
      schema: {
        tags,
        summary: "A task's audit trail: who did what, when, with which data",
        description:
          "For users who may see the task or its case (its process run's starter and the audience of the run's " +
          'tasks, supervisors, auditors); anyone else gets 404, as for a task that does not exist.',
        params: taskIdParams,
      },
    },
    async (request) => {
      const user = requireUser(request);
      const task = await loadTask(deps, request.params.id);
      if (!canSeeTask(task, user) && !(await maySeeCase(deps, task.processWorkflowId, user)))
        throw notFound(`task ${request.params.id} does not exist`);
      return { taskId: task.id, title: task.title, status: task.status, records: task.audit };
    },
  );

  app.get(
    '/api/audit/processes/:workflowId',
    {
      schema: {
        tags,
        summary: "A process's audit trail: every record of every task it asked for, in time order",
        description:
          "For the run's starter, users who may see one of its tasks, supervisors and auditors; anyone else gets " +
          '404, as for a run that does not exist.',
        params: z.object({ workflowId: z.string().min(1) }),
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { workflowId } = request.params;
      const description = await describeVisibleRun(deps, workflowId, user, `there is no process run ${workflowId}`);
      const { items } = await deps.store.listTasks({ processWorkflowId: workflowId, sort: 'created', limit: 500 });
      const records = items
        .flatMap((task) => task.audit.map((record) => ({ taskId: task.id, taskTitle: task.title, ...record })))
        .sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq);
      return {
        workflowId,
        status: description.status.name,
        tasks: items.map((t) => ({ id: t.id, title: t.title, status: t.status })),
        records,
      };
    },
  );
}
