import type { PurchaseOrderView } from '../../../schemas/invoices/invoice-match';
import { PortalPage } from '../../systems/portal/pages';
import { portalNumber, readTable, testIdText } from './invoice-page-parts';

/** A purchase order's page: its lines with the quantity received so far, and its goods receipts. */
export class PurchaseOrderPage extends PortalPage {
  /** The order, or undefined when the portal says it does not exist. */
  async read(purchaseOrderId: string): Promise<PurchaseOrderView | undefined> {
    const response = await this.open(`/purchase-orders/${encodeURIComponent(purchaseOrderId)}`);
    if (response?.status() === 404) return undefined;
    const details = this.page.getByRole('region', { name: 'Purchase order details' });
    const scope = (await details.count()) > 0 ? details : this.page;
    const lines = (await readTable(this.page, 'Order lines')).map((row) => ({
      lineNo: portalNumber(row['Line']),
      sku: row['SKU'] ?? '',
      description: row['Description'] ?? '',
      quantity: portalNumber(row['Quantity']),
      unitPrice: portalNumber(row['Unit price']),
      receivedQuantity: portalNumber(row['Received quantity']),
    }));
    return {
      id: await testIdText(scope, 'po-id'),
      vendorId: await testIdText(scope, 'po-vendor-id'),
      currency: await testIdText(scope, 'po-currency'),
      status: await testIdText(scope, 'po-status'),
      lines,
      goodsReceipts: (await readTable(this.page, 'Goods receipts'))
        .map((row) => row['GR number'] ?? '')
        .filter(Boolean),
    };
  }
}
