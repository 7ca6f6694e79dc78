import { createNotifier, type Delivery, type Notifier } from './notifier';
import type { TaskNotification } from './notification';

export type { InvoiceNotification, Notification, TaskNotification } from './notification';
export { createNotifier, type Delivery, type Notifier, type NotifierOptions } from './notifier';
export { notifierFromConfig } from './notifier-from-config';

export interface NotifyDeps {
  /** How notifications are delivered; the workers build it with notifierFromConfig. */
  notifier?: Notifier;
  /** Shorthand for a webhook notifier (tests, scripts); without either, notifications are only logged. */
  webhookUrl?: string;
}

/** Tells people about their tasks: a log line always, a webhook or mail when configured. */
export function createNotifyActivities(deps: NotifyDeps) {
  const notifier =
    deps.notifier ??
    (deps.webhookUrl
      ? createNotifier({ channel: 'webhook', url: deps.webhookUrl })
      : createNotifier({ channel: 'log' }));
  return {
    async notify(notification: TaskNotification): Promise<Delivery> {
      return notifier.send(notification);
    },
  };
}
