import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import { taskQueue } from '../../platform/config';
import { invoiceProcessingStatusQuery } from '../../workflows/invoices/invoice-processing';
import { invoicePolicyFromConfig } from './invoice-policy-config';
import { invoiceFormatOf, InvoiceFileError, InvoiceIdentityError, parseInvoiceDocument } from './read-invoice-file';
import { startInvoiceBatch } from './start-invoice-processing';
import { requireUser } from '../api/auth/session';
import type { ApiApp, ApiDeps } from '../api/context';
import { invalid, notFound } from '../api/errors';
import { MAX_ITEMS_PER_REQUEST, tooManyItems } from '../api/limits';
import { describeVisibleRun } from '../api/tasks/case-access';

/**
 * Invoice intake over HTTP: a JSON body (one invoice, an array or `{ invoices }`), a CSV batch (text/csv) or a
 * UBL 2.1 invoice (application/xml). Each item is answered on its own: started, duplicate, or invalid by field.
 */
export function registerInvoiceRoutes(app: ApiApp, deps: ApiDeps): void {
  const tags = ['invoices'];
  app.addContentTypeParser(['text/csv', 'application/xml', 'text/xml'], { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/api/invoices',
    {
      schema: {
        tags,
        summary:
          'Submit invoices (JSON, CSV or UBL 2.1 XML); the caller is the submitter, a document naming one is refused',
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const format = invoiceFormatOf(request.headers['content-type'] ?? '');
      if (!format)
        throw invalid(
          'send application/json, text/csv or application/xml',
          [
            {
              path: '',
              message: `content type ${request.headers['content-type'] ?? '(none)'} is not an invoice format`,
            },
          ],
          'unsupported_format',
        );
      const text = format === 'json' ? JSON.stringify(request.body) : String(request.body ?? '');
      let parsed;
      try {
        parsed = parseInvoiceDocument(text, format, 'request body', { submittedBy: user.username });
      } catch (err) {
        if (err instanceof InvoiceIdentityError) throw invalid(err.message, err.fields, 'submitter_in_document');
        if (err instanceof InvoiceFileError) throw invalid(err.message, err.fields, 'document_invalid');
        throw err;
      }
      if (parsed.length > MAX_ITEMS_PER_REQUEST)
        throw tooManyItems(format === 'csv' ? 'rows' : 'invoices', MAX_ITEMS_PER_REQUEST, parsed.length);
      const target = {
        taskQueue: deps.taskQueue,
        botsTaskQueue: taskQueue(deps.config, 'bots'),
        policy: invoicePolicyFromConfig(deps.config),
      };
      const outcomes = await startInvoiceBatch(deps.client, target, parsed, 'api');
      request.log.info(
        { by: user.username, items: outcomes.length, started: outcomes.filter((o) => o.outcome === 'started').length },
        'invoices submitted',
      );
      // 201 when anything started, 422 when nothing was valid, 200 for duplicates only.
      const status = outcomes.some((o) => o.outcome === 'started')
        ? 201
        : outcomes.every((o) => o.outcome === 'invalid')
          ? 422
          : 200;
      // A duplicate's first run may be a case this caller may not read: its status stays behind the status route.
      const answer = outcomes.map((o) => (o.outcome === 'duplicate' ? { ...o, status: undefined } : o));
      return reply.status(status).send({ outcomes: answer });
    },
  );

  app.get(
    '/api/invoices/:workflowId/status',
    {
      schema: {
        tags,
        summary: "An invoice's processing state (status, match, approvals, posting, payment)",
        description:
          'For its submitter, users who may see one of its tasks, supervisors and auditors; anyone else gets 404, ' +
          'as for an invoice that does not exist.',
        params: z.object({ workflowId: z.string().min(1) }),
      },
    },
    async (request) => {
      const user = requireUser(request);
      const missing = `there is no invoice ${request.params.workflowId}`;
      await describeVisibleRun(deps, request.params.workflowId, user, missing);
      try {
        return await deps.client.workflow.getHandle(request.params.workflowId).query(invoiceProcessingStatusQuery);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw notFound(missing);
        throw err;
      }
    },
  );
}
