import { notifySubmitterVia, type InvoiceNotification } from './notify-submitter';
import { releasePaymentTo, type PaymentOrder, type ReleasedPayment } from './payments';

export type { InvoiceNotification } from './notify-submitter';
export type { PaymentOrder, ReleasedPayment } from './payments';

export interface InvoiceActivityDeps {
  /** Folder of the payment register. */
  paymentsDir: string;
  notifyWebhookUrl?: string | undefined;
}

/** Invoice steps that touch the engine's own systems (payments, notifications); they run on the `main` queue. */
export function createInvoiceActivities(deps: InvoiceActivityDeps) {
  return {
    async releasePayment(order: PaymentOrder): Promise<ReleasedPayment> {
      return releasePaymentTo(deps.paymentsDir, order);
    },
    async notifyInvoiceSubmitter(notification: InvoiceNotification): Promise<{ delivered: 'log' | 'webhook' }> {
      return notifySubmitterVia(deps.notifyWebhookUrl, notification);
    },
  };
}

export type InvoiceActivities = ReturnType<typeof createInvoiceActivities>;
