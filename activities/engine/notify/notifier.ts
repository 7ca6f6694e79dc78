import { log } from '@temporalio/activity';
import type { UserDirectory } from '../../../platform/users';
import { isTaskNotification, type Notification } from './notification';
import { mailRecipients } from './recipients';
import { renderMail } from './render-mail';
import type { SmtpSender } from './smtp-sender';
import { postWebhook } from './webhook';
import { notifyFailures } from '../../../schemas/engine/failures';

export interface Delivery {
  delivered: 'log' | 'webhook' | 'smtp';
  /** The addresses the mail server accepted (smtp only). */
  to?: string[];
}

export type NotifierOptions =
  | { channel: 'log' }
  | { channel: 'webhook'; url: string; timeoutMs?: number }
  | {
      channel: 'smtp';
      sender: SmtpSender;
      /** The users file, read when first needed (and once at worker start, to fail early). */
      users: () => Promise<UserDirectory>;
      /** Base URL of the web inbox, for links in the mail. */
      inboxUrl?: string;
    };

/** Delivers every notification of the engine (tasks, invoices): a log line always, then the configured channel. */
export interface Notifier {
  channel: NotifierOptions['channel'];
  send(notification: Notification): Promise<Delivery>;
  /** Reads what delivery needs up front (the users file), so bad settings stop the worker at start. */
  ready(): Promise<void>;
}

export function createNotifier(options: NotifierOptions): Notifier {
  return {
    channel: options.channel,
    async ready() {
      if (options.channel === 'smtp') await options.users();
    },
    async send(notification) {
      log.info(isTaskNotification(notification) ? 'task notification' : 'invoice notification', { ...notification });
      if (options.channel === 'log') return { delivered: 'log' };
      if (options.channel === 'webhook') {
        await postWebhook(options.url, notification, options.timeoutMs);
        return { delivered: 'webhook' };
      }
      const { addresses, unreachable } = mailRecipients(notification.to, await options.users());
      if (unreachable.length > 0) log.warn('some addressees get no mail', { unreachable });
      if (addresses.length === 0) {
        // Retrying cannot find an address the users file lacks.
        throw notifyFailures.create(
          'NotifyNoAddress',
          `no mail address for the addressees: ${unreachable.join('; ')} (add email in the users file)`,
        );
      }
      const { accepted, rejected } = await options.sender.send({
        to: addresses,
        ...renderMail(notification, options.inboxUrl),
      });
      if (rejected.length > 0) log.warn('the mail server refused some recipients', { rejected });
      return { delivered: 'smtp', to: accepted };
    },
  };
}
