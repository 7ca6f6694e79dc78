import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import { piiVaultFromConfig } from '../../activities/engine/pii';
import { taskQueue } from '../../platform/config';
import { ticketSchema } from '../../schemas/tickets/ticket';
import { fieldErrors } from '../../schemas/engine/validation';
import { refreshTicketSummaryUpdate, ticketStatusQuery } from '../../workflows/tickets/ticket-triage';
import { submitTicket } from './submit-ticket';
import { requireUser } from '../api/auth/session';
import type { ApiApp, ApiDeps, ApiUser } from '../api/context';
import { conflict, invalid, notFound } from '../api/errors';
import { describeVisibleRun } from '../api/tasks/case-access';

/**
 * Support tickets over HTTP: intake (validated like the CLI's, business key as workflow id), status, and the
 * agent's "make a fresh summary" (an Update the workflow refuses once the ticket is filed).
 */
export function registerTicketRoutes(app: ApiApp, deps: ApiDeps): void {
  const tags = ['tickets'];
  // A ticket the user may not read answers as one that does not exist.
  const visibleTicket = (workflowId: string, user: ApiUser) =>
    describeVisibleRun(deps, workflowId, user, `there is no ticket ${workflowId}`);
  const vault = piiVaultFromConfig(deps.config);
  const ticketId = z.object({
    workflowId: z.string().regex(/^ticket:/, 'must be a ticket workflow id, e.g. ticket:T-1001'),
  });

  app.post(
    '/api/tickets',
    { schema: { tags, summary: 'Submit a support ticket for triage', body: z.unknown() } },
    async (request, reply) => {
      const user = requireUser(request);
      const parsed = ticketSchema.safeParse(request.body);
      if (!parsed.success) throw invalid('the ticket has invalid fields', fieldErrors(parsed.error));
      const outcome = await submitTicket(
        deps.client,
        { main: deps.taskQueue, llm: taskQueue(deps.config, 'llm'), vault },
        parsed.data,
        { startedBy: user.username },
      );
      // Not its status: the first run may belong to a case this caller may not read.
      if (outcome.outcome === 'duplicate')
        throw conflict(`${outcome.workflowId} was submitted before; not processed again`);
      return reply.status(201).send({ workflowId: outcome.workflowId });
    },
  );

  app.get(
    '/api/tickets/:workflowId',
    {
      schema: {
        tags,
        summary: "A ticket's triage state",
        description:
          'For its submitter, users who may see one of its tasks, supervisors and auditors; anyone else gets 404, ' +
          'as for a ticket that does not exist.',
        params: ticketId,
      },
    },
    async (request) => {
      await visibleTicket(request.params.workflowId, requireUser(request));
      try {
        return await deps.client.workflow.getHandle(request.params.workflowId).query(ticketStatusQuery);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw notFound(`there is no ticket ${request.params.workflowId}`);
        throw err;
      }
    },
  );

  app.post(
    '/api/tickets/:workflowId/refresh-summary',
    { schema: { tags, summary: 'Ask the LLM for a fresh summary of a ticket in review', params: ticketId } },
    async (request) => {
      const user = requireUser(request);
      // It answers with the ticket's state: only for those who may read it.
      await visibleTicket(request.params.workflowId, user);
      try {
        return await deps.client.workflow
          .getHandle(request.params.workflowId)
          .executeUpdate(refreshTicketSummaryUpdate, { args: [{ requestedBy: user.username }] });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw notFound(`there is no ticket ${request.params.workflowId}`);
        if (err instanceof WorkflowUpdateFailedError)
          throw conflict((err.cause as Error | undefined)?.message ?? err.message);
        throw err;
      }
    },
  );
}
