import type { Config } from '../../../platform/config';
import { notifyChannel } from '../../../platform/notify-config';
import { loadUsers, type UserDirectory } from '../../../platform/users';
import { createNotifier, type Notifier } from './notifier';
import { createSmtpSender } from './smtp-sender';

export type NotifyConfig = Pick<
  Config,
  'NOTIFY_CHANNEL' | 'NOTIFY_WEBHOOK_URL' | 'SMTP_URL' | 'SMTP_FROM' | 'USERS_FILE' | 'API_PUBLIC_URL'
>;

/** Reads the users file once; a failed read is tried again next time (the file may have been fixed). */
function usersOnce(file: string, roles: readonly string[]): () => Promise<UserDirectory> {
  let loading: Promise<UserDirectory> | undefined;
  return () => {
    loading ??= loadUsers(file, roles).catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
    return loading;
  };
}

/**
 * The notifier the configuration asks for (loadConfig has already checked that the settings fit together);
 * `roles` are the roles a user in the users file may hold (the engine's and the installed processes').
 */
export function notifierFromConfig(config: NotifyConfig, roles: readonly string[]): Notifier {
  const channel = notifyChannel(config);
  if (channel === 'webhook' && config.NOTIFY_WEBHOOK_URL)
    return createNotifier({ channel, url: config.NOTIFY_WEBHOOK_URL });
  if (channel === 'smtp' && config.SMTP_URL && config.SMTP_FROM) {
    return createNotifier({
      channel,
      sender: createSmtpSender({ url: config.SMTP_URL, from: config.SMTP_FROM }),
      users: usersOnce(config.USERS_FILE, roles),
      inboxUrl: config.API_PUBLIC_URL,
    });
  }
  return createNotifier({ channel: 'log' });
}
