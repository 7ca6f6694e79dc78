import type { Notification } from './notification';
import { notifyFailures } from '../../../schemas/engine/failures';

/** POSTs the notification as JSON (a chat or mail gateway takes it from there). */
export async function postWebhook(url: string, notification: Notification, timeoutMs = 10_000): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...notification, sentAt: new Date().toISOString() }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  // 4xx other than 429 will not get better by retrying.
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    throw notifyFailures.create(
      'NotifyRefused',
      `the notification webhook refused the message: HTTP ${response.status}`,
    );
  }
  if (!response.ok) throw new Error(`the notification webhook answered HTTP ${response.status}`);
}
