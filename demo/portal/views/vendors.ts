import type { Page } from '../store/paging';
import type { FieldError, Vendor } from '../store/schema';
import type { NewVendorInput } from '../store/vendors';
import { hrefWith } from '../http/request';
import { html, type SafeHtml } from './html';
import type { Ui } from './ui';

export function vendorListBody(ui: Ui, page: Page<Vendor>, q: string): SafeHtml {
  return html`<h1>Vendors</h1>
${ui.actions([html`<a href="/vendors/new">New vendor</a>`, html`<a href="/vendors/export.csv" download>Export vendors (CSV)</a>`])}
${ui.form({
  action: '/vendors',
  method: 'get',
  name: 'Search vendors',
  fields: [{ name: 'q', label: 'Search vendors', type: 'search', value: q, hint: 'Name, VAT ID or vendor ID' }],
  submit: 'Search',
})}
${q ? html`<p>Results for “${q}”: ${page.total} found.</p>` : ''}
${ui.table({
  caption: 'Vendors',
  columns: [
    { header: 'Vendor ID', cell: (v: Vendor) => html`<a href="/vendors/${v.id}">${v.id}</a>` },
    { header: 'Name', cell: (v) => v.name },
    { header: 'VAT ID', cell: (v) => v.vatId },
    { header: 'IBAN', cell: (v) => v.iban },
    { header: 'Email', cell: (v) => v.email },
    { header: 'Status', cell: (v) => (v.active ? 'Active' : 'Inactive') },
  ],
  rows: page.items,
  empty: q ? `No vendor matches “${q}”.` : 'No vendors yet.',
})}
${ui.pager(page, (n) => hrefWith('/vendors', { q, page: n }), 'vendors')}`;
}

export function vendorDetailBody(ui: Ui, vendor: Vendor, message?: string): SafeHtml {
  const toggle = vendor.active
    ? ui.actionButton({ action: `/vendors/${vendor.id}/deactivate`, label: 'Deactivate vendor', danger: true })
    : ui.actionButton({ action: `/vendors/${vendor.id}/activate`, label: 'Activate vendor' });
  return html`<h1>Vendor ${vendor.id}</h1>
${message ? ui.notice(message) : ''}
${ui.details('Vendor details', [
  { label: 'Vendor ID', value: vendor.id, testId: 'vendor-id' },
  { label: 'Name', value: vendor.name, testId: 'vendor-name' },
  { label: 'VAT ID', value: vendor.vatId, testId: 'vendor-vat-id' },
  { label: 'IBAN', value: vendor.iban, testId: 'vendor-iban' },
  { label: 'Email', value: vendor.email, testId: 'vendor-email' },
  { label: 'Address', value: vendor.address, testId: 'vendor-address' },
  { label: 'Status', value: vendor.active ? 'Active' : 'Inactive', testId: 'vendor-status' },
  { label: 'Created', value: `${vendor.createdAt} by ${vendor.createdBy}` },
])}
${ui.actions([toggle, html`<a href="${hrefWith('/invoices/new', { vendorId: vendor.id })}">Enter invoice for this vendor</a>`, html`<a href="/vendors">Back to vendors</a>`])}`;
}

export function newVendorBody(ui: Ui, input: NewVendorInput, errors: readonly FieldError[] = []): SafeHtml {
  return html`<h1>New vendor</h1>
<p>All fields are required. Check the vendor list by VAT ID first: a VAT ID can be registered only once.</p>
${ui.errorSummary(errors)}
${ui.form({
  action: '/vendors',
  name: 'New vendor',
  errors,
  fields: [
    { name: 'name', label: 'Vendor name', value: input.name, required: true, autocomplete: 'organization' },
    {
      name: 'vatId',
      label: 'VAT ID',
      value: input.vatId,
      required: true,
      hint: 'With country prefix, e.g. DE123456789',
    },
    { name: 'iban', label: 'IBAN', value: input.iban, required: true, hint: 'Spaces are allowed' },
    { name: 'email', label: 'Email', type: 'email', value: input.email, required: true, autocomplete: 'email' },
    { name: 'address', label: 'Address', type: 'textarea', value: input.address, required: true },
  ],
  submit: 'Create vendor',
  after: html`<a href="/vendors">Cancel</a>`,
})}`;
}
