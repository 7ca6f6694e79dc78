import { z } from 'zod';
import { taskQueue as taskQueueOf } from '../../../platform/config';
import { formSchema } from '../../../schemas/engine/forms';
import { fieldErrors } from '../../../schemas/engine/validation';
import { requireUser } from '../auth/session';
import type { ApiApp, ApiDeps } from '../context';
import { forbidden, invalid, notFound } from '../errors';
import { findLauncher, mayStart, type LaunchableProcess } from '../processes';
import { describeVisibleRun } from '../tasks/case-access';
import { formJsonSchema, taskSummary } from '../tasks/task-view';

export function registerProcessRoutes(app: ApiApp, deps: ApiDeps, launchers: readonly LaunchableProcess[]): void {
  const tags = ['processes'];

  app.get(
    '/api/processes',
    { schema: { tags, summary: 'Processes this user may launch, with their start forms' } },
    async (request) => {
      const user = requireUser(request);
      return launchers
        .filter((p) => mayStart(p, user))
        .map((p) => ({
          name: p.name,
          title: p.title,
          description: p.description,
          form: { name: p.form, jsonSchema: formJsonSchema(p.form) },
        }));
    },
  );

  app.post(
    '/api/processes/:name/start',
    {
      schema: {
        tags,
        summary: 'Launch a process from its form',
        params: z.object({ name: z.string() }),
        body: z.object({ input: z.unknown() }),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const process = findLauncher(launchers, request.params.name);
      if (!process) throw notFound(`there is no process ${request.params.name}`);
      if (!mayStart(process, user)) throw forbidden(`${process.title} can be started by ${process.roles.join(', ')}`);
      const parsed = formSchema(process.form).safeParse(request.body.input);
      if (!parsed.success) throw invalid('the form has invalid fields', fieldErrors(parsed.error), 'form_invalid');
      const queues = { bots: taskQueueOf(deps.config, 'bots'), llm: taskQueueOf(deps.config, 'llm') };
      const workflowId = await process.start(deps.client, deps.taskQueue, parsed.data, user, queues);
      request.log.info({ workflowId, process: process.name, by: user.username }, 'process launched');
      return reply.status(201).send({ workflowId });
    },
  );

  app.get(
    '/api/processes/runs/:workflowId',
    {
      schema: {
        tags,
        summary: 'A launched process: its status, result when done, and its tasks',
        description:
          'For the user who started the run, users who may see one of its tasks (its candidates and assignees), ' +
          'supervisors and auditors; anyone else gets 404, as for a run that does not exist.',
        params: z.object({ workflowId: z.string().min(1) }),
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { workflowId } = request.params;
      const handle = deps.client.workflow.getHandle(workflowId);
      const description = await describeVisibleRun(deps, workflowId, user, `there is no process run ${workflowId}`);
      const status = description.status.name;
      let result: unknown;
      let failure: string | undefined;
      if (status === 'COMPLETED') result = await handle.result();
      if (status === 'FAILED')
        failure = await handle.result().then(
          () => undefined,
          (err: Error) => (err.cause as Error | undefined)?.message ?? err.message,
        );
      const tasks = await deps.store.listTasks({
        processWorkflowId: workflowId,
        status: undefined,
        sort: 'created',
        limit: 200,
      });
      return {
        workflowId,
        type: description.type,
        status,
        startedAt: description.startTime.toISOString(),
        closedAt: description.closeTime?.toISOString() ?? null,
        result,
        failure,
        tasks: tasks.items.map((t) => taskSummary(t)),
      };
    },
  );
}
