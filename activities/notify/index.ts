import { ApplicationFailure, log } from '@temporalio/activity';
import type { Candidates } from '../../schemas/human-task';

export interface NotifyDeps {
  /** POSTs each notification here as JSON when set; otherwise notifications are only logged. */
  webhookUrl?: string;
  timeoutMs?: number;
}

export interface TaskNotification {
  kind: 'reminder' | 'escalation' | 'expired';
  taskId: string;
  title: string;
  process: string;
  dueAt: string | null;
  to: Candidates;
}

/** Tells people about their tasks: a log line always, a webhook (chat, mail gateway) when configured. */
export function createNotifyActivities(deps: NotifyDeps) {
  return {
    async notify(notification: TaskNotification): Promise<{ delivered: 'log' | 'webhook' }> {
      log.info('task notification', { ...notification });
      if (!deps.webhookUrl) return { delivered: 'log' };
      const response = await fetch(deps.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...notification, sentAt: new Date().toISOString() }),
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
      // 4xx other than 429 will not get better by retrying.
      if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        throw ApplicationFailure.nonRetryable(`the notification webhook refused the message: HTTP ${response.status}`, 'NotifyRefused');
      }
      if (!response.ok) throw new Error(`the notification webhook answered HTTP ${response.status}`);
      return { delivered: 'webhook' };
    },
  };
}
