import type { FastifyInstance } from 'fastify';
import type { PortalContext } from '../http/context';
import { pageUser, sendNotFound, sendPage, signedIn } from '../http/pages';
import { param, queryInt, queryString } from '../http/request';
import {
  goodsReceiptDetailBody,
  goodsReceiptListBody,
  purchaseOrderDetailBody,
  purchaseOrderListBody,
} from '../views/purchasing';

export function registerPurchasingRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const { purchasing, vendors } = ctx.store;

  app.get(
    '/purchase-orders',
    signedIn(ctx, 'read', (request, reply, { user, ui }) => {
      const q = queryString(request, 'q');
      const page = purchasing.searchOrders({
        q,
        page: queryInt(request, 'page'),
        pageSize: queryInt(request, 'pageSize'),
      });
      const body = purchaseOrderListBody(ui, page, q, (id) => vendors.get(id)?.name ?? '');
      return sendPage(reply, ui, { title: 'Purchase orders', section: '/purchase-orders', user: pageUser(user), body });
    }),
  );

  app.get(
    '/purchase-orders/:id',
    signedIn(ctx, 'read', (request, reply, { user, ui }) => {
      const po = purchasing.getOrder(param(request, 'id'));
      if (!po) return sendNotFound(reply, ui, user, `Purchase order ${param(request, 'id')} does not exist.`);
      const body = purchaseOrderDetailBody(
        ui,
        po,
        vendors.get(po.vendorId),
        purchasing.receiptStatus(po),
        purchasing.receiptsFor(po.id),
      );
      return sendPage(reply, ui, {
        title: `Purchase order ${po.id}`,
        section: '/purchase-orders',
        user: pageUser(user),
        body,
      });
    }),
  );

  app.get(
    '/goods-receipts',
    signedIn(ctx, 'read', (request, reply, { user, ui }) => {
      const q = queryString(request, 'q');
      const page = purchasing.searchReceipts({
        q,
        page: queryInt(request, 'page'),
        pageSize: queryInt(request, 'pageSize'),
      });
      return sendPage(reply, ui, {
        title: 'Goods receipts',
        section: '/goods-receipts',
        user: pageUser(user),
        body: goodsReceiptListBody(ui, page, q),
      });
    }),
  );

  app.get(
    '/goods-receipts/:id',
    signedIn(ctx, 'read', (request, reply, { user, ui }) => {
      const gr = purchasing.getReceipt(param(request, 'id'));
      if (!gr) return sendNotFound(reply, ui, user, `Goods receipt ${param(request, 'id')} does not exist.`);
      const body = goodsReceiptDetailBody(ui, gr, purchasing.getOrder(gr.purchaseOrderId));
      return sendPage(reply, ui, {
        title: `Goods receipt ${gr.id}`,
        section: '/goods-receipts',
        user: pageUser(user),
        body,
      });
    }),
  );
}
