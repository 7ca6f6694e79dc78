import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import { requireUser } from '../auth/session';
import type { ApiApp, ApiDeps } from '../context';
import { notFound } from '../errors';
import { loadTask } from '../tasks/task-access';
import { taskIdParams } from './tasks';

export function registerAuditRoutes(app: ApiApp, deps: ApiDeps): void {
  const tags = ['audit'];

  app.get(
    '/api/audit/tasks/:id',
    { schema: { tags, summary: "A task's audit trail: who did what, when, with which data", params: taskIdParams } },
    async (request) => {
      requireUser(request);
      const task = await loadTask(deps, request.params.id);
      return { taskId: task.id, title: task.title, status: task.status, records: task.audit };
    },
  );

  app.get(
    '/api/audit/processes/:workflowId',
    {
      schema: {
        tags,
        summary: "A process's audit trail: every record of every task it asked for, in time order",
        params: z.object({ workflowId: z.string().min(1) }),
      },
    },
    async (request) => {
      requireUser(request);
      const { workflowId } = request.params;
      let status: string;
      try {
        status = (await deps.client.workflow.getHandle(workflowId).describe()).status.name;
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw notFound(`there is no process run ${workflowId}`);
        throw err;
      }
      const { items } = await deps.store.listTasks({ processWorkflowId: workflowId, sort: 'created', limit: 500 });
      const records = items
        .flatMap((task) => task.audit.map((record) => ({ taskId: task.id, taskTitle: task.title, ...record })))
        .sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq);
      return { workflowId, status, tasks: items.map((t) => ({ id: t.id, title: t.title, status: t.status })), records };
    },
  );
}
