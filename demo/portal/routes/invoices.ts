import type { FastifyInstance } from 'fastify';
import type { PortalContext } from '../http/context';
import { sendCsv } from '../http/csv';
import { pageUser, redirect, sendNotFound, sendPage, signedIn } from '../http/pages';
import { formFields, param, queryInt, queryString } from '../http/request';
import { formatAmount } from '../store/money';
import type { Invoice } from '../store/schema';
import { invoiceDetailBody, invoiceListBody, postedConfirmationBody } from '../views/invoices';

const SECTION = '/invoices';

export function registerInvoiceRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const { invoices, vendors } = ctx.store;
  const vendorName = (id: string) => vendors.get(id)?.name ?? '';

  app.get(
    '/invoices',
    signedIn(ctx, 'read', (request, reply, { user, ui }) => {
      const search = {
        vendorId: queryString(request, 'vendorId').trim(),
        invoiceNumber: queryString(request, 'invoiceNumber').trim(),
        status: ['posted', 'reversed'].includes(queryString(request, 'status')) ? queryString(request, 'status') : '',
      };
      const page = invoices.search({
        ...search,
        status: search.status === '' ? undefined : (search.status as Invoice['status']),
        page: queryInt(request, 'page'),
        pageSize: queryInt(request, 'pageSize'),
      });
      return sendPage(reply, ui, {
        title: 'Invoices',
        section: SECTION,
        user: pageUser(user),
        body: invoiceListBody(ui, page, search, vendorName),
      });
    }),
  );

  app.get(
    '/invoices/export.csv',
    signedIn(ctx, 'read', (_request, reply) =>
      sendCsv<Invoice>(
        reply,
        'invoices.csv',
        [
          { name: 'document_number', value: (i) => i.documentNumber },
          { name: 'vendor_id', value: (i) => i.vendorId },
          { name: 'invoice_number', value: (i) => i.invoiceNumber },
          { name: 'invoice_date', value: (i) => i.invoiceDate },
          { name: 'due_date', value: (i) => i.dueDate },
          { name: 'currency', value: (i) => i.currency },
          { name: 'po_number', value: (i) => i.purchaseOrderId ?? '' },
          { name: 'net_total', value: (i) => formatAmount(i.netTotal) },
          { name: 'tax_total', value: (i) => formatAmount(i.taxTotal) },
          { name: 'gross_total', value: (i) => formatAmount(i.grossTotal) },
          { name: 'status', value: (i) => i.status },
          { name: 'reversal_document_number', value: (i) => i.reversal?.documentNumber ?? '' },
          { name: 'posted_at', value: (i) => i.postedAt },
          { name: 'posted_by', value: (i) => i.postedBy },
        ],
        invoices.all(),
      ),
    ),
  );

  app.get(
    '/invoices/:doc',
    signedIn(ctx, 'read', (request, reply, { user, ui }) => {
      const doc = param(request, 'doc').toUpperCase();
      const invoice = invoices.get(doc);
      if (!invoice) return sendNotFound(reply, ui, user, `Document ${doc} does not exist.`);
      // A reversal document number shows the posting it reversed.
      if (invoice.documentNumber !== doc) return redirect(reply, `/invoices/${invoice.documentNumber}`);
      const message =
        queryString(request, 'reversed') === '1' && invoice.reversal
          ? `Posting ${invoice.documentNumber} was reversed by document ${invoice.reversal.documentNumber}.`
          : undefined;
      const body = invoiceDetailBody(ui, invoice, vendorName(invoice.vendorId), message);
      return sendPage(reply, ui, {
        title: `Invoice ${invoice.documentNumber}`,
        section: SECTION,
        user: pageUser(user),
        body,
      });
    }),
  );

  app.get(
    '/invoices/:doc/confirmation',
    signedIn(ctx, 'read', (request, reply, { user, ui }) => {
      const invoice = invoices.get(param(request, 'doc'));
      if (!invoice) return sendNotFound(reply, ui, user, `Document ${param(request, 'doc')} does not exist.`);
      return sendPage(reply, ui, {
        title: 'Invoice posted',
        section: SECTION,
        user: pageUser(user),
        body: postedConfirmationBody(ui, invoice),
      });
    }),
  );

  app.post(
    '/invoices/:doc/reverse',
    signedIn(ctx, 'enter-data', async (request, reply, { user, ui }) => {
      const doc = param(request, 'doc').toUpperCase();
      const { reason } = formFields(request, ['reason']);
      const result = await invoices.reverse(doc, reason, user.username);
      if (!result.ok) {
        const invoice = invoices.get(doc);
        if (!invoice) return sendNotFound(reply, ui, user, `Document ${doc} does not exist.`);
        const body = invoiceDetailBody(ui, invoice, vendorName(invoice.vendorId), undefined, result.errors);
        return sendPage(
          reply,
          ui,
          { title: `Invoice ${invoice.documentNumber}`, section: SECTION, user: pageUser(user), body },
          409,
        );
      }
      ctx.log.info(
        { documentNumber: doc, reversal: result.value.reversal?.documentNumber, by: user.username },
        'invoice reversed',
      );
      return redirect(reply, `/invoices/${result.value.documentNumber}?reversed=1`);
    }),
  );
}
