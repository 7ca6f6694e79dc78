import { ApplicationFailure, log } from '@temporalio/activity';

export interface InvoiceNotification {
  kind: 'invoice-rejected' | 'invoice-reversed' | 'invoice-failed';
  businessKey: string;
  to: string;
  vendorId: string;
  invoiceNumber: string;
  reason: string;
}

/** Tells the submitter what became of their invoice: a log line always, the webhook too when configured. */
export async function notifySubmitterVia(webhookUrl: string | undefined, notification: InvoiceNotification): Promise<{ delivered: 'log' | 'webhook' }> {
  log.info('invoice notification', { ...notification });
  if (!webhookUrl) return { delivered: 'log' };
  const response = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...notification, sentAt: new Date().toISOString() }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    throw ApplicationFailure.nonRetryable(`the notification webhook refused the message: HTTP ${response.status}`, 'NotifyRefused');
  }
  if (!response.ok) throw new Error(`the notification webhook answered HTTP ${response.status}`);
  return { delivered: 'webhook' };
}
