import type { Invoice } from './invoice';

/** A purchase order as the bot reads it from the portal, with what its goods receipts say arrived. */
export interface PurchaseOrderView {
  id: string;
  vendorId: string;
  currency: string;
  status: string;
  lines: Array<{
    lineNo: number;
    sku: string;
    description: string;
    quantity: number;
    unitPrice: number;
    receivedQuantity: number;
  }>;
  goodsReceipts: string[];
}

export interface MatchTolerances {
  priceTolerancePercent: number;
  quantityTolerancePercent: number;
}

/** One invoice line beside its PO line and goods receipt: what a person sees side by side. */
export interface MatchRow {
  line: number;
  description: string;
  poLineNo: number | null;
  invoicedQuantity: number;
  orderedQuantity: number | null;
  receivedQuantity: number | null;
  invoicedUnitPrice: number;
  orderedUnitPrice: number | null;
}

export interface MatchDifference {
  /** 1-based invoice line; 0 for the header. */
  line: number;
  field: 'purchaseOrder' | 'vendorId' | 'currency' | 'poLine' | 'unitPrice' | 'quantity';
  invoiced: string | number;
  expected: string | number;
  message: string;
}

export interface MatchResult {
  purchaseOrderId: string;
  goodsReceipts: string[];
  rows: MatchRow[];
  differences: MatchDifference[];
}

const percentOff = (actual: number, expected: number) =>
  expected === 0 ? (actual === 0 ? 0 : Infinity) : (Math.abs(actual - expected) / expected) * 100;

/**
 * The three-way match: every invoice line against its PO line (price) and against what was received
 * (quantity), within the policy's tolerances. Pure, so the workflow runs it and its replay gives the same answer.
 */
export function threeWayMatch(
  invoice: Pick<Invoice, 'vendorId' | 'currency' | 'lines'>,
  po: PurchaseOrderView,
  tolerances: MatchTolerances,
): MatchResult {
  const differences: MatchDifference[] = [];
  if (po.vendorId !== invoice.vendorId) {
    differences.push({
      line: 0,
      field: 'vendorId',
      invoiced: invoice.vendorId,
      expected: po.vendorId,
      message: `purchase order ${po.id} belongs to vendor ${po.vendorId}`,
    });
  }
  if (po.currency !== invoice.currency) {
    differences.push({
      line: 0,
      field: 'currency',
      invoiced: invoice.currency,
      expected: po.currency,
      message: `purchase order ${po.id} is in ${po.currency}`,
    });
  }
  const rows = invoice.lines.map((line, index): MatchRow => {
    const lineNo = line.poLineNo ?? index + 1;
    const ordered = po.lines.find((l) => l.lineNo === lineNo);
    const n = index + 1;
    if (!ordered) {
      differences.push({
        line: n,
        field: 'poLine',
        invoiced: lineNo,
        expected: po.lines.map((l) => l.lineNo).join(', '),
        message: `purchase order ${po.id} has no line ${lineNo}`,
      });
      return {
        line: n,
        description: line.description,
        poLineNo: null,
        invoicedQuantity: line.quantity,
        orderedQuantity: null,
        receivedQuantity: null,
        invoicedUnitPrice: line.unitPrice,
        orderedUnitPrice: null,
      };
    }
    const priceOff = percentOff(line.unitPrice, ordered.unitPrice);
    if (priceOff > tolerances.priceTolerancePercent) {
      differences.push({
        line: n,
        field: 'unitPrice',
        invoiced: line.unitPrice,
        expected: ordered.unitPrice,
        message: `unit price is ${priceOff === Infinity ? 'charged on a free line' : `${priceOff.toFixed(1)} % off the order`} (tolerance ${tolerances.priceTolerancePercent} %)`,
      });
    }
    const allowed = ordered.receivedQuantity * (1 + tolerances.quantityTolerancePercent / 100);
    if (line.quantity > allowed + 1e-9) {
      differences.push({
        line: n,
        field: 'quantity',
        invoiced: line.quantity,
        expected: ordered.receivedQuantity,
        message: `${line.quantity} invoiced but ${ordered.receivedQuantity} received (tolerance ${tolerances.quantityTolerancePercent} %)`,
      });
    }
    return {
      line: n,
      description: line.description,
      poLineNo: lineNo,
      invoicedQuantity: line.quantity,
      orderedQuantity: ordered.quantity,
      receivedQuantity: ordered.receivedQuantity,
      invoicedUnitPrice: line.unitPrice,
      orderedUnitPrice: ordered.unitPrice,
    };
  });
  return { purchaseOrderId: po.id, goodsReceipts: po.goodsReceipts, rows, differences };
}
