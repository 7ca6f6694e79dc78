import type { FastifyInstance } from 'fastify';
import type { PortalContext } from '../http/context';
import { pageUser, sendPage, signedIn } from '../http/pages';
import { html } from '../views/html';

export function registerDashboardRoute(app: FastifyInstance, ctx: PortalContext): void {
  app.get(
    '/',
    signedIn(ctx, 'read', (_request, reply, { user, ui }) => {
      const c = ctx.store.counts();
      const body = html`<h1>Dashboard</h1>
<p>Welcome, ${user.displayName}.</p>
${ui.actions([html`<a href="/vendors/new">New vendor</a>`, html`<a href="/invoices/new">Enter invoice</a>`])}
${ui.table({
  caption: 'Records',
  columns: [
    {
      header: 'Area',
      cell: (r: { area: string; href: string; count: number }) => html`<a href="${r.href}">${r.area}</a>`,
    },
    { header: 'Records', cell: (r) => r.count, numeric: true },
  ],
  rows: [
    { area: 'Vendors', href: '/vendors', count: c.vendors.total },
    { area: 'Purchase orders', href: '/purchase-orders', count: c.purchaseOrders },
    { area: 'Goods receipts', href: '/goods-receipts', count: c.goodsReceipts },
    { area: 'Invoices', href: '/invoices', count: c.invoices.total },
    { area: 'Employees', href: '/employees', count: c.employees.total },
    { area: 'Payroll runs', href: '/payroll-runs', count: c.payrollRuns },
  ],
  empty: '',
})}`;
      return sendPage(reply, ui, { title: 'Dashboard', section: '/', user: pageUser(user), body });
    }),
  );
}
