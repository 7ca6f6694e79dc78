import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PortalContext } from '../http/context';
import { pageUser, redirect, sendPage, signedIn, type SignedIn } from '../http/pages';
import { formFields, param, queryString } from '../http/request';
import type { InvoiceDraft } from '../invoice-drafts';
import type { InvoiceHeaderInput, InvoiceLineInput } from '../store/invoices';
import type { FieldError } from '../store/schema';
import type { SafeHtml } from '../views/html';
import { draftGoneBody, headerStepBody, linesStepBody, reviewStepBody } from '../views/invoice-entry';

// The three-step invoice entry: header → lines → review and post. Each step validates on the server
// and re-renders with a role="alert" summary; only "Post invoice" writes to the books.

const HEADER_FIELDS = [
  'vendorId',
  'invoiceNumber',
  'invoiceDate',
  'dueDate',
  'currency',
  'purchaseOrderId',
  'invoiceTotal',
] as const;
const LINE_FIELDS = ['description', 'quantity', 'unitPrice', 'taxRate'] as const;
const EMPTY_LINE: InvoiceLineInput = { description: '', quantity: '', unitPrice: '', taxRate: '19' };
const SECTION = '/invoices';

export function registerInvoiceEntryRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const { invoices, vendors } = ctx.store;
  const vendorName = (id: string) => vendors.get(id)?.name ?? '';
  const confirmation = (doc: string) => `/invoices/${doc}/confirmation`;

  const show = (reply: FastifyReply, who: SignedIn, body: SafeHtml, status = 200) =>
    sendPage(reply, who.ui, { title: 'Enter invoice', section: SECTION, user: pageUser(who.user), body }, status);

  /** Runs `step` with the caller's draft; unknown drafts get a "start again" page, posted ones go to their confirmation. */
  const withDraft = (
    step: (draft: InvoiceDraft, reply: FastifyReply, who: SignedIn, request: FastifyRequest) => unknown,
  ) =>
    signedIn(ctx, 'enter-data', (request, reply, who) => {
      const draft = ctx.drafts.get(param(request, 'draftId'), who.user.username);
      if (!draft) return show(reply, who, draftGoneBody(who.ui), 404);
      if (draft.documentNumber && !request.url.endsWith('/post'))
        return redirect(reply, confirmation(draft.documentNumber));
      return step(draft, reply, who, request);
    });

  const renderLines = (
    reply: FastifyReply,
    who: SignedIn,
    draft: InvoiceDraft,
    input = EMPTY_LINE,
    errors: FieldError[] = [],
  ) =>
    show(
      reply,
      who,
      linesStepBody(who.ui, draft, vendorName(draft.header.vendorId), input, errors),
      errors.length > 0 ? 422 : 200,
    );

  app.get(
    '/invoices/new',
    signedIn(ctx, 'enter-data', (request, reply, who) => {
      const input = Object.fromEntries(HEADER_FIELDS.map((f) => [f, ''])) as unknown as InvoiceHeaderInput;
      input.vendorId = queryString(request, 'vendorId');
      input.purchaseOrderId = queryString(request, 'purchaseOrderId');
      return show(reply, who, headerStepBody(who.ui, '/invoices/new', input));
    }),
  );

  app.post(
    '/invoices/new',
    signedIn(ctx, 'enter-data', (request, reply, who) => {
      const input = formFields(request, HEADER_FIELDS);
      const result = invoices.validateHeader(input);
      if (!result.ok) return show(reply, who, headerStepBody(who.ui, '/invoices/new', input, result.errors), 422);
      const draft = ctx.drafts.create(who.user.username, result.value, input);
      return redirect(reply, `/invoices/drafts/${draft.id}/lines`);
    }),
  );

  app.get(
    '/invoices/drafts/:draftId/header',
    withDraft((draft, reply, who) =>
      show(reply, who, headerStepBody(who.ui, `/invoices/drafts/${draft.id}/header`, draft.headerInput)),
    ),
  );

  app.post(
    '/invoices/drafts/:draftId/header',
    withDraft((draft, reply, who, request) => {
      const input = formFields(request, HEADER_FIELDS);
      const result = invoices.validateHeader(input);
      if (!result.ok)
        return show(
          reply,
          who,
          headerStepBody(who.ui, `/invoices/drafts/${draft.id}/header`, input, result.errors),
          422,
        );
      draft.header = result.value;
      draft.headerInput = input;
      return redirect(reply, `/invoices/drafts/${draft.id}/lines`);
    }),
  );

  app.get(
    '/invoices/drafts/:draftId/lines',
    withDraft((draft, reply, who) => renderLines(reply, who, draft)),
  );

  app.post(
    '/invoices/drafts/:draftId/lines',
    withDraft((draft, reply, who, request) => {
      const input = formFields(request, LINE_FIELDS);
      const result = invoices.validateLine(input, draft.lines.length);
      if (!result.ok) return renderLines(reply, who, draft, input, result.errors);
      draft.lines.push(result.value);
      return redirect(reply, `/invoices/drafts/${draft.id}/lines`);
    }),
  );

  app.post(
    '/invoices/drafts/:draftId/lines/:lineNo/remove',
    withDraft((draft, reply, _who, request) => {
      const index = Number(param(request, 'lineNo')) - 1;
      if (Number.isInteger(index) && index >= 0 && index < draft.lines.length) draft.lines.splice(index, 1);
      return redirect(reply, `/invoices/drafts/${draft.id}/lines`);
    }),
  );

  app.post(
    '/invoices/drafts/:draftId/review',
    withDraft((draft, reply, who) => {
      const errors = invoices.checkTotals(draft.header, draft.lines);
      if (errors.length > 0) return renderLines(reply, who, draft, EMPTY_LINE, errors);
      return redirect(reply, `/invoices/drafts/${draft.id}/review`);
    }),
  );

  app.get(
    '/invoices/drafts/:draftId/review',
    withDraft((draft, reply, who) => {
      if (invoices.checkTotals(draft.header, draft.lines).length > 0)
        return redirect(reply, `/invoices/drafts/${draft.id}/lines`);
      return show(reply, who, reviewStepBody(who.ui, draft, vendorName(draft.header.vendorId)));
    }),
  );

  app.post(
    '/invoices/drafts/:draftId/post',
    withDraft(async (draft, reply, who) => {
      if (draft.documentNumber) return redirect(reply, confirmation(draft.documentNumber));
      // A double click or a retried request shares the first attempt instead of posting twice.
      draft.posting ??= invoices.post(draft.header, draft.lines, who.user.username);
      const result = await draft.posting;
      if (!result.ok) {
        draft.posting = null;
        return show(reply, who, reviewStepBody(who.ui, draft, vendorName(draft.header.vendorId), result.errors), 422);
      }
      draft.documentNumber = result.value.documentNumber;
      ctx.log.info(
        {
          documentNumber: result.value.documentNumber,
          vendorId: result.value.vendorId,
          invoiceNumber: result.value.invoiceNumber,
          by: who.user.username,
        },
        'invoice posted',
      );
      return redirect(reply, confirmation(result.value.documentNumber));
    }),
  );
}
