import type { JsonDatabase } from './database';
import { bumpSequence, nextId } from './ids';
import { lineNet, sumAmounts } from './money';
import { paginate, type Page } from './paging';
import type { FieldError, GoodsReceipt, PurchaseOrder, PurchaseOrderLine, Result } from './schema';

export interface PurchaseOrderImport {
  id?: string | undefined;
  vendorId: string;
  orderDate: string;
  currency: string;
  lines: Array<Omit<PurchaseOrderLine, 'lineNo'> & { lineNo?: number | undefined }>;
}

export interface GoodsReceiptImport {
  id?: string | undefined;
  purchaseOrderId: string;
  receiptDate: string;
  lines: Array<{ lineNo: number; receivedQuantity: number }>;
}

export interface ListQuery {
  q?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/** Ordered vs received quantity of one PO line, summed over all its goods receipts. */
export interface ReceiptStatusLine extends PurchaseOrderLine {
  receivedQuantity: number;
}

export function purchaseOrderTotal(po: PurchaseOrder): number {
  return sumAmounts(po.lines.map((l) => lineNet(l.quantity, l.unitPrice)));
}

export class PurchasingRepository {
  private ordersById = new Map<string, PurchaseOrder>();
  private receiptsById = new Map<string, GoodsReceipt>();

  constructor(
    private readonly db: JsonDatabase,
    private readonly vendorExists: (id: string) => boolean,
  ) {
    this.reindex();
  }

  reindex(): void {
    this.ordersById = new Map(this.db.data.purchaseOrders.map((po) => [po.id, po]));
    this.receiptsById = new Map(this.db.data.goodsReceipts.map((gr) => [gr.id, gr]));
  }

  getOrder(id: string): PurchaseOrder | undefined {
    return this.ordersById.get(id.trim().toUpperCase());
  }

  getReceipt(id: string): GoodsReceipt | undefined {
    return this.receiptsById.get(id.trim().toUpperCase());
  }

  /** Search by PO number or vendor id. */
  searchOrders(query: ListQuery): Page<PurchaseOrder> {
    const q = (query.q ?? '').trim().toUpperCase();
    const all = this.db.data.purchaseOrders;
    const matches = q === '' ? all : all.filter((po) => po.id.includes(q) || po.vendorId === q);
    return paginate(matches, query.page, query.pageSize);
  }

  /** Search by GR number or PO number. */
  searchReceipts(query: ListQuery): Page<GoodsReceipt> {
    const q = (query.q ?? '').trim().toUpperCase();
    const all = this.db.data.goodsReceipts;
    const matches = q === '' ? all : all.filter((gr) => gr.id.includes(q) || gr.purchaseOrderId === q);
    return paginate(matches, query.page, query.pageSize);
  }

  receiptsFor(purchaseOrderId: string): GoodsReceipt[] {
    return this.db.data.goodsReceipts.filter((gr) => gr.purchaseOrderId === purchaseOrderId);
  }

  receiptStatus(po: PurchaseOrder): ReceiptStatusLine[] {
    const received = new Map<number, number>();
    for (const gr of this.receiptsFor(po.id)) {
      for (const line of gr.lines) received.set(line.lineNo, (received.get(line.lineNo) ?? 0) + line.receivedQuantity);
    }
    return po.lines.map((line) => ({ ...line, receivedQuantity: received.get(line.lineNo) ?? 0 }));
  }

  async importOrders(items: readonly PurchaseOrderImport[]): Promise<Result<PurchaseOrder[]>> {
    const errors: FieldError[] = [];
    items.forEach((item, i) => {
      if (!this.vendorExists(item.vendorId)) {
        errors.push({ field: `purchaseOrders[${i}].vendorId`, message: `Vendor ${item.vendorId} does not exist` });
      }
    });
    if (errors.length > 0) return { ok: false, errors };
    const loaded = items.map((item) => {
      const id = item.id?.toUpperCase() ?? nextId(this.db.data.sequences, 'purchaseOrder');
      bumpSequence(this.db.data.sequences, 'purchaseOrder', id);
      const po: PurchaseOrder = {
        id,
        vendorId: item.vendorId,
        orderDate: item.orderDate,
        currency: item.currency.toUpperCase(),
        status: 'open',
        lines: item.lines.map((l, index) => ({ ...l, lineNo: l.lineNo ?? index + 1 })),
      };
      this.upsert(this.db.data.purchaseOrders, this.ordersById, po);
      po.status = this.derivedStatus(po);
      return po;
    });
    await this.db.commit();
    return { ok: true, value: loaded };
  }

  async importReceipts(items: readonly GoodsReceiptImport[]): Promise<Result<GoodsReceipt[]>> {
    const errors: FieldError[] = [];
    items.forEach((item, i) => {
      const po = this.getOrder(item.purchaseOrderId);
      if (!po) {
        errors.push({
          field: `goodsReceipts[${i}].purchaseOrderId`,
          message: `Purchase order ${item.purchaseOrderId} does not exist`,
        });
        return;
      }
      for (const line of item.lines) {
        if (!po.lines.some((l) => l.lineNo === line.lineNo)) {
          errors.push({
            field: `goodsReceipts[${i}].lines`,
            message: `Purchase order ${po.id} has no line ${line.lineNo}`,
          });
        }
      }
    });
    if (errors.length > 0) return { ok: false, errors };
    const loaded = items.map((item) => {
      const po = this.getOrder(item.purchaseOrderId) as PurchaseOrder;
      const id = item.id?.toUpperCase() ?? nextId(this.db.data.sequences, 'goodsReceipt');
      bumpSequence(this.db.data.sequences, 'goodsReceipt', id);
      const gr: GoodsReceipt = {
        id,
        purchaseOrderId: po.id,
        receiptDate: item.receiptDate,
        lines: item.lines.map((line) => ({
          lineNo: line.lineNo,
          sku: po.lines.find((l) => l.lineNo === line.lineNo)?.sku ?? '',
          receivedQuantity: line.receivedQuantity,
        })),
      };
      this.upsert(this.db.data.goodsReceipts, this.receiptsById, gr);
      po.status = this.derivedStatus(po);
      return gr;
    });
    await this.db.commit();
    return { ok: true, value: loaded };
  }

  private derivedStatus(po: PurchaseOrder): PurchaseOrder['status'] {
    if (po.status === 'closed') return 'closed';
    const lines = this.receiptStatus(po);
    if (lines.every((l) => l.receivedQuantity >= l.quantity)) return 'received';
    if (lines.some((l) => l.receivedQuantity > 0)) return 'partially-received';
    return 'open';
  }

  private upsert<T extends { id: string }>(list: T[], index: Map<string, T>, record: T): void {
    const previous = index.get(record.id);
    if (previous) list[list.indexOf(previous)] = record;
    else list.push(record);
    index.set(record.id, record);
  }
}
