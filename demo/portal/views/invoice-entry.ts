import type { InvoiceDraft } from '../invoice-drafts';
import {
  CURRENCIES,
  computeLine,
  invoiceTotals,
  type InvoiceHeaderInput,
  type InvoiceLineInput,
} from '../store/invoices';
import type { FieldError } from '../store/schema';
import { amount } from './format';
import { html, type SafeHtml } from './html';
import { invoiceLinesTable } from './invoices';
import type { Ui } from './ui';

const STEPS = ['Header', 'Lines', 'Review'] as const;

function stepper(current: 1 | 2 | 3): SafeHtml {
  const items = STEPS.map(
    (name, i) => html`<li${i + 1 === current ? html` aria-current="step"` : ''}>${i + 1}. ${name}</li>`,
  );
  return html`<ol class="steps" aria-label="Invoice entry steps">${items}</ol>`;
}

function draftSummary(draft: InvoiceDraft, vendorName: string): SafeHtml {
  const h = draft.header;
  return html`<p>Vendor ${h.vendorId} (${vendorName}) · Invoice ${h.invoiceNumber} · Invoice total ${amount(h.invoiceTotal)} ${h.currency}</p>`;
}

export function headerStepBody(
  ui: Ui,
  action: string,
  input: InvoiceHeaderInput,
  errors: readonly FieldError[] = [],
): SafeHtml {
  return html`<h1>Enter invoice</h1>
${stepper(1)}
<h2>Step 1 of 3: Header</h2>
${ui.errorSummary(errors)}
${ui.form({
  action,
  name: 'Invoice header',
  errors,
  fields: [
    { name: 'vendorId', label: 'Vendor ID', value: input.vendorId, required: true, hint: 'e.g. V-0001' },
    {
      name: 'invoiceNumber',
      label: 'Invoice number',
      value: input.invoiceNumber,
      required: true,
      hint: "The vendor's number, as printed on the invoice",
    },
    { name: 'invoiceDate', label: 'Invoice date', type: 'date', value: input.invoiceDate, required: true },
    { name: 'dueDate', label: 'Due date', type: 'date', value: input.dueDate, required: true },
    {
      name: 'currency',
      label: 'Currency',
      type: 'select',
      value: input.currency || 'EUR',
      required: true,
      options: CURRENCIES.map((c) => ({ value: c, label: c })),
    },
    { name: 'purchaseOrderId', label: 'PO number (optional)', value: input.purchaseOrderId, hint: 'e.g. PO-0001' },
    {
      name: 'invoiceTotal',
      label: 'Invoice total (gross)',
      value: input.invoiceTotal,
      required: true,
      inputMode: 'decimal',
      hint: 'Total including tax as printed on the invoice, e.g. 1190.00',
    },
  ],
  submit: 'Next: lines',
  after: html`<a href="/invoices">Cancel</a>`,
})}`;
}

export function linesStepBody(
  ui: Ui,
  draft: InvoiceDraft,
  vendorName: string,
  input: InvoiceLineInput,
  errors: readonly FieldError[] = [],
): SafeHtml {
  const lines = draft.lines.map((line, i) => computeLine(line, i + 1));
  const totals = invoiceTotals(lines);
  const remaining = draft.header.invoiceTotal - totals.grossTotal;
  const base = `/invoices/drafts/${draft.id}`;
  const remove = (lineNo: number) =>
    ui.actionButton({ action: `${base}/lines/${lineNo}/remove`, label: `Remove line ${lineNo}` });
  return html`<h1>Enter invoice</h1>
${stepper(2)}
<h2>Step 2 of 3: Lines</h2>
${draftSummary(draft, vendorName)}
${ui.errorSummary(errors)}
${invoiceLinesTable(ui, 'Invoice lines', lines, remove)}
<p>Lines total (gross): <strong>${amount(totals.grossTotal)} ${draft.header.currency}</strong> · Remaining to invoice total: <strong>${amount(remaining)} ${draft.header.currency}</strong></p>
<h3>Add a line</h3>
${ui.form({
  action: `${base}/lines`,
  name: 'Add line',
  errors: errors.filter((e) => e.field !== 'lines'),
  fields: [
    { name: 'description', label: 'Description', value: input.description, required: true },
    { name: 'quantity', label: 'Quantity', value: input.quantity, required: true, inputMode: 'decimal' },
    {
      name: 'unitPrice',
      label: 'Unit price',
      value: input.unitPrice,
      required: true,
      inputMode: 'decimal',
      hint: 'Net, before tax, e.g. 12.50',
    },
    { name: 'taxRate', label: 'Tax rate (%)', value: input.taxRate, required: true, inputMode: 'decimal' },
  ],
  submit: 'Add line',
})}
${ui.actions([ui.actionButton({ action: `${base}/review`, label: 'Next: review' }), html`<a href="${base}/header">Back to header</a>`])}`;
}

export function reviewStepBody(
  ui: Ui,
  draft: InvoiceDraft,
  vendorName: string,
  errors: readonly FieldError[] = [],
): SafeHtml {
  const lines = draft.lines.map((line, i) => computeLine(line, i + 1));
  const totals = invoiceTotals(lines);
  const h = draft.header;
  const base = `/invoices/drafts/${draft.id}`;
  return html`<h1>Enter invoice</h1>
${stepper(3)}
<h2>Step 3 of 3: Review</h2>
${ui.errorSummary(errors)}
${ui.details('Invoice header', [
  { label: 'Vendor ID', value: h.vendorId },
  { label: 'Vendor name', value: vendorName },
  { label: 'Invoice number', value: h.invoiceNumber },
  { label: 'Invoice date', value: h.invoiceDate },
  { label: 'Due date', value: h.dueDate },
  { label: 'Currency', value: h.currency },
  { label: 'PO number', value: h.purchaseOrderId ?? '' },
  { label: 'Invoice total (gross)', value: amount(h.invoiceTotal) },
])}
${invoiceLinesTable(ui, 'Invoice lines', lines)}
${ui.details('Totals', [
  { label: 'Net total', value: amount(totals.netTotal), testId: 'review-net-total' },
  { label: 'Tax total', value: amount(totals.taxTotal), testId: 'review-tax-total' },
  { label: 'Gross total', value: amount(totals.grossTotal), testId: 'review-gross-total' },
])}
${ui.actions([ui.actionButton({ action: `${base}/post`, label: 'Post invoice' }), html`<a href="${base}/lines">Back to lines</a>`])}`;
}

export function draftGoneBody(ui: Ui): SafeHtml {
  return html`<h1>Invoice entry not found</h1>
${ui.alert('This invoice entry no longer exists: it expired, belongs to another user, or the system was restarted. Search the invoice list before entering it again.')}
<p><a href="/invoices/new">Start a new invoice</a></p>`;
}
