import { hrefWith } from '../http/request';
import type { Page } from '../store/paging';
import type { FieldError, Invoice, InvoiceLine } from '../store/schema';
import { amount, quantity, unitPrice } from './format';
import { html, type SafeHtml } from './html';
import type { Ui } from './ui';

export interface InvoiceSearch {
  vendorId: string;
  invoiceNumber: string;
  status: string;
}

const STATUS_LABEL: Record<Invoice['status'], string> = { posted: 'Posted', reversed: 'Reversed' };

export function invoiceListBody(
  ui: Ui,
  page: Page<Invoice>,
  search: InvoiceSearch,
  vendorName: (id: string) => string,
): SafeHtml {
  const filtered = search.vendorId !== '' || search.invoiceNumber !== '' || search.status !== '';
  return html`<h1>Invoices</h1>
${ui.actions([html`<a href="/invoices/new">Enter invoice</a>`, html`<a href="/invoices/export.csv" download>Export invoices (CSV)</a>`])}
${ui.form({
  action: '/invoices',
  method: 'get',
  name: 'Search invoices',
  fields: [
    { name: 'vendorId', label: 'Vendor ID', value: search.vendorId, hint: 'Exact, e.g. V-0001' },
    { name: 'invoiceNumber', label: 'Invoice number', value: search.invoiceNumber, hint: 'Exact, not case-sensitive' },
    {
      name: 'status',
      label: 'Status',
      type: 'select',
      value: search.status,
      options: [
        { value: '', label: 'Any' },
        { value: 'posted', label: 'Posted' },
        { value: 'reversed', label: 'Reversed' },
      ],
    },
  ],
  submit: 'Search',
})}
${filtered ? html`<p>${page.total} matching invoice${page.total === 1 ? '' : 's'}.</p>` : ''}
${ui.table({
  caption: 'Invoices',
  columns: [
    {
      header: 'Document number',
      cell: (i: Invoice) => html`<a href="/invoices/${i.documentNumber}">${i.documentNumber}</a>`,
    },
    { header: 'Vendor ID', cell: (i) => i.vendorId },
    { header: 'Vendor name', cell: (i) => vendorName(i.vendorId) },
    { header: 'Invoice number', cell: (i) => i.invoiceNumber },
    { header: 'Invoice date', cell: (i) => i.invoiceDate },
    { header: 'Due date', cell: (i) => i.dueDate },
    { header: 'Currency', cell: (i) => i.currency },
    { header: 'Gross total', cell: (i) => amount(i.grossTotal), numeric: true },
    { header: 'Status', cell: (i) => STATUS_LABEL[i.status] },
    { header: 'Reversal document', cell: (i) => i.reversal?.documentNumber ?? '' },
  ],
  rows: page.items,
  empty: filtered ? 'No invoice matches the search.' : 'No invoices posted yet.',
})}
${ui.pager(page, (n) => hrefWith('/invoices', { ...search, page: n }), 'invoices')}`;
}

export function invoiceLinesTable(
  ui: Ui,
  caption: string,
  lines: readonly InvoiceLine[],
  removeAction?: (lineNo: number) => SafeHtml,
): SafeHtml {
  return ui.table({
    caption,
    columns: [
      { header: 'Line', cell: (l: InvoiceLine) => l.lineNo, numeric: true },
      { header: 'Description', cell: (l) => l.description },
      { header: 'Quantity', cell: (l) => quantity(l.quantity), numeric: true },
      { header: 'Unit price', cell: (l) => unitPrice(l.unitPrice), numeric: true },
      { header: 'Tax rate (%)', cell: (l) => String(l.taxRate), numeric: true },
      { header: 'Net amount', cell: (l) => amount(l.netAmount), numeric: true },
      { header: 'Tax amount', cell: (l) => amount(l.taxAmount), numeric: true },
      { header: 'Gross amount', cell: (l) => amount(l.grossAmount), numeric: true },
      ...(removeAction ? [{ header: 'Actions', cell: (l: InvoiceLine) => removeAction(l.lineNo) }] : []),
    ],
    rows: lines,
    empty: 'No lines yet.',
  });
}

export function invoiceDetailBody(
  ui: Ui,
  invoice: Invoice,
  vendorName: string,
  message?: string,
  errors?: readonly FieldError[],
): SafeHtml {
  const reverse =
    invoice.status === 'posted'
      ? html`<h2>Reverse posting</h2><p>Reversing books a counter-document and frees the invoice number for a corrected posting.</p>${ui.actionButton(
          {
            action: `/invoices/${invoice.documentNumber}/reverse`,
            label: 'Reverse posting',
            danger: true,
            fields: [{ name: 'reason', label: 'Reversal reason' }],
          },
        )}`
      : '';
  return html`<h1>Invoice ${invoice.documentNumber}</h1>
${message ? ui.notice(message) : ''}
${ui.errorSummary(errors)}
${ui.details('Posting details', [
  { label: 'Document number', value: invoice.documentNumber, testId: 'document-number' },
  { label: 'Status', value: STATUS_LABEL[invoice.status], testId: 'invoice-status' },
  {
    label: 'Vendor ID',
    value: html`<a href="/vendors/${invoice.vendorId}">${invoice.vendorId}</a>`,
    testId: 'invoice-vendor-id',
  },
  { label: 'Vendor name', value: vendorName },
  { label: 'Invoice number', value: invoice.invoiceNumber, testId: 'invoice-number' },
  { label: 'Invoice date', value: invoice.invoiceDate },
  { label: 'Due date', value: invoice.dueDate },
  { label: 'Currency', value: invoice.currency },
  { label: 'PO number', value: invoice.purchaseOrderId ?? '' },
  { label: 'Net total', value: amount(invoice.netTotal), testId: 'net-total' },
  { label: 'Tax total', value: amount(invoice.taxTotal), testId: 'tax-total' },
  { label: 'Gross total', value: amount(invoice.grossTotal), testId: 'gross-total' },
  { label: 'Posted', value: `${invoice.postedAt} by ${invoice.postedBy}` },
  {
    label: 'Reversal document number',
    value: invoice.reversal?.documentNumber ?? '',
    testId: 'reversal-document-number',
  },
  { label: 'Reversal reason', value: invoice.reversal?.reason ?? '' },
])}
${invoiceLinesTable(ui, 'Invoice lines', invoice.lines)}
${reverse}
<p><a href="/invoices">Back to invoices</a></p>`;
}

export function postedConfirmationBody(ui: Ui, invoice: Invoice): SafeHtml {
  return html`<h1>Invoice posted</h1>
${ui.notice(html`Invoice ${invoice.invoiceNumber} from vendor ${invoice.vendorId} was posted as document <strong>${invoice.documentNumber}</strong>.`)}
${ui.details('Posting', [
  { label: 'Document number', value: invoice.documentNumber, testId: 'document-number' },
  { label: 'Vendor ID', value: invoice.vendorId },
  { label: 'Invoice number', value: invoice.invoiceNumber },
  { label: 'Gross total', value: `${amount(invoice.grossTotal)} ${invoice.currency}` },
  { label: 'Status', value: STATUS_LABEL[invoice.status] },
])}
${ui.actions([html`<a href="/invoices/${invoice.documentNumber}">View invoice</a>`, html`<a href="/invoices/new">Enter another invoice</a>`])}`;
}
