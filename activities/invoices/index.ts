import { createNotifier, type Delivery, type InvoiceNotification, type Notifier } from '../engine/notify';
import { releasePaymentTo, type PaymentOrder, type ReleasedPayment } from './payments';

export type { InvoiceNotification } from '../engine/notify';
export type { PaymentOrder, ReleasedPayment } from './payments';

export interface InvoiceActivityDeps {
  /** Folder of the payment register. */
  paymentsDir: string;
  /** The same notifier the task notifications use; without one, submitters are only told in the log. */
  notifier?: Notifier;
}

/** Invoice steps that touch the engine's own systems (payments, notifications); they run on the `main` queue. */
export function createInvoiceActivities(deps: InvoiceActivityDeps) {
  const notifier = deps.notifier ?? createNotifier({ channel: 'log' });
  return {
    async releasePayment(order: PaymentOrder): Promise<ReleasedPayment> {
      return releasePaymentTo(deps.paymentsDir, order);
    },
    async notifyInvoiceSubmitter(notification: InvoiceNotification): Promise<Delivery> {
      return notifier.send(notification);
    },
  };
}

export type InvoiceActivities = ReturnType<typeof createInvoiceActivities>;
