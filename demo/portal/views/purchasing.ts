import { hrefWith } from '../http/request';
import { lineNet } from '../store/money';
import type { Page } from '../store/paging';
import { purchaseOrderTotal, type ReceiptStatusLine } from '../store/purchasing';
import type { GoodsReceipt, PurchaseOrder, PurchaseOrderLine, Vendor } from '../store/schema';
import { amount, quantity, unitPrice } from './format';
import { html, type SafeHtml } from './html';
import type { Ui } from './ui';

function searchForm(ui: Ui, action: string, label: string, hint: string, q: string): SafeHtml {
  return ui.form({
    action,
    method: 'get',
    name: label,
    fields: [{ name: 'q', label, type: 'search', value: q, hint }],
    submit: 'Search',
  });
}

export function purchaseOrderListBody(
  ui: Ui,
  page: Page<PurchaseOrder>,
  q: string,
  vendorName: (id: string) => string,
): SafeHtml {
  return html`<h1>Purchase orders</h1>
${searchForm(ui, '/purchase-orders', 'Search purchase orders', 'PO number or vendor ID', q)}
${ui.table({
  caption: 'Purchase orders',
  columns: [
    { header: 'PO number', cell: (po: PurchaseOrder) => html`<a href="/purchase-orders/${po.id}">${po.id}</a>` },
    { header: 'Vendor ID', cell: (po) => po.vendorId },
    { header: 'Vendor name', cell: (po) => vendorName(po.vendorId) },
    { header: 'Order date', cell: (po) => po.orderDate },
    { header: 'Currency', cell: (po) => po.currency },
    { header: 'Total', cell: (po) => amount(purchaseOrderTotal(po)), numeric: true },
    { header: 'Status', cell: (po) => po.status },
  ],
  rows: page.items,
  empty: 'No purchase orders found.',
})}
${ui.pager(page, (n) => hrefWith('/purchase-orders', { q, page: n }), 'purchase orders')}`;
}

export function purchaseOrderDetailBody(
  ui: Ui,
  po: PurchaseOrder,
  vendor: Vendor | undefined,
  lines: ReceiptStatusLine[],
  receipts: GoodsReceipt[],
): SafeHtml {
  return html`<h1>Purchase order ${po.id}</h1>
${ui.details('Purchase order details', [
  { label: 'PO number', value: po.id, testId: 'po-id' },
  { label: 'Vendor ID', value: html`<a href="/vendors/${po.vendorId}">${po.vendorId}</a>`, testId: 'po-vendor-id' },
  { label: 'Vendor name', value: vendor?.name ?? '' },
  { label: 'Order date', value: po.orderDate },
  { label: 'Currency', value: po.currency, testId: 'po-currency' },
  { label: 'Total', value: amount(purchaseOrderTotal(po)), testId: 'po-total' },
  { label: 'Status', value: po.status, testId: 'po-status' },
])}
${ui.table({
  caption: 'Order lines',
  columns: [
    { header: 'Line', cell: (l: ReceiptStatusLine) => l.lineNo, numeric: true },
    { header: 'SKU', cell: (l) => l.sku },
    { header: 'Description', cell: (l) => l.description },
    { header: 'Quantity', cell: (l) => quantity(l.quantity), numeric: true },
    { header: 'Unit price', cell: (l) => unitPrice(l.unitPrice), numeric: true },
    { header: 'Line total', cell: (l: PurchaseOrderLine) => amount(lineNet(l.quantity, l.unitPrice)), numeric: true },
    { header: 'Received quantity', cell: (l) => quantity(l.receivedQuantity), numeric: true },
  ],
  rows: lines,
  empty: 'This order has no lines.',
})}
${ui.table({
  caption: 'Goods receipts',
  columns: [
    { header: 'GR number', cell: (gr: GoodsReceipt) => html`<a href="/goods-receipts/${gr.id}">${gr.id}</a>` },
    { header: 'Receipt date', cell: (gr) => gr.receiptDate },
    { header: 'Lines', cell: (gr) => gr.lines.length, numeric: true },
  ],
  rows: receipts,
  empty: 'Nothing received yet.',
})}
<p><a href="/purchase-orders">Back to purchase orders</a></p>`;
}

export function goodsReceiptListBody(ui: Ui, page: Page<GoodsReceipt>, q: string): SafeHtml {
  return html`<h1>Goods receipts</h1>
${searchForm(ui, '/goods-receipts', 'Search goods receipts', 'GR number or PO number', q)}
${ui.table({
  caption: 'Goods receipts',
  columns: [
    { header: 'GR number', cell: (gr: GoodsReceipt) => html`<a href="/goods-receipts/${gr.id}">${gr.id}</a>` },
    {
      header: 'PO number',
      cell: (gr) => html`<a href="/purchase-orders/${gr.purchaseOrderId}">${gr.purchaseOrderId}</a>`,
    },
    { header: 'Receipt date', cell: (gr) => gr.receiptDate },
    { header: 'Lines', cell: (gr) => gr.lines.length, numeric: true },
  ],
  rows: page.items,
  empty: 'No goods receipts found.',
})}
${ui.pager(page, (n) => hrefWith('/goods-receipts', { q, page: n }), 'goods receipts')}`;
}

export function goodsReceiptDetailBody(ui: Ui, gr: GoodsReceipt, po: PurchaseOrder | undefined): SafeHtml {
  const rows = gr.lines.map((l) => {
    const ordered = po?.lines.find((p) => p.lineNo === l.lineNo);
    return { ...l, description: ordered?.description ?? '', ordered: ordered?.quantity ?? 0 };
  });
  return html`<h1>Goods receipt ${gr.id}</h1>
${ui.details('Goods receipt details', [
  { label: 'GR number', value: gr.id, testId: 'gr-id' },
  {
    label: 'PO number',
    value: html`<a href="/purchase-orders/${gr.purchaseOrderId}">${gr.purchaseOrderId}</a>`,
    testId: 'gr-po-id',
  },
  { label: 'Vendor ID', value: po?.vendorId ?? '' },
  { label: 'Receipt date', value: gr.receiptDate, testId: 'gr-date' },
])}
${ui.table({
  caption: 'Received lines',
  columns: [
    { header: 'Line', cell: (l: (typeof rows)[number]) => l.lineNo, numeric: true },
    { header: 'SKU', cell: (l) => l.sku },
    { header: 'Description', cell: (l) => l.description },
    { header: 'Ordered quantity', cell: (l) => quantity(l.ordered), numeric: true },
    { header: 'Received quantity', cell: (l) => quantity(l.receivedQuantity), numeric: true },
  ],
  rows,
  empty: 'No lines.',
})}
<p><a href="/goods-receipts">Back to goods receipts</a></p>`;
}
