import type { Config } from './config';

export type NotifyChannel = 'log' | 'webhook' | 'smtp';

type NotifyConfig = Pick<Config, 'NOTIFY_CHANNEL' | 'NOTIFY_WEBHOOK_URL' | 'SMTP_URL' | 'SMTP_FROM'>;

/** NOTIFY_CHANNEL when set; else whichever of SMTP_URL or NOTIFY_WEBHOOK_URL is set; else the log only. */
export function notifyChannel(config: NotifyConfig): NotifyChannel {
  if (config.NOTIFY_CHANNEL) return config.NOTIFY_CHANNEL;
  if (config.SMTP_URL) return 'smtp';
  if (config.NOTIFY_WEBHOOK_URL) return 'webhook';
  return 'log';
}

/** Settings that are fine one by one but do not fit together, each naming the variable to fix. */
export function notifyConfigProblems(config: NotifyConfig): string[] {
  if (!config.NOTIFY_CHANNEL && config.SMTP_URL && config.NOTIFY_WEBHOOK_URL) {
    // Guessing would send mail where a webhook was meant, or the other way round.
    return ['NOTIFY_CHANNEL: both SMTP_URL and NOTIFY_WEBHOOK_URL are set; set NOTIFY_CHANNEL to smtp or webhook'];
  }
  const channel = notifyChannel(config);
  const problems: string[] = [];
  if (channel === 'webhook' && !config.NOTIFY_WEBHOOK_URL)
    problems.push('NOTIFY_WEBHOOK_URL: is required when NOTIFY_CHANNEL is webhook');
  if (channel === 'smtp' && !config.SMTP_URL)
    problems.push('SMTP_URL: is required when NOTIFY_CHANNEL is smtp, e.g. smtp://user:password@mail.example.com:587');
  if (channel === 'smtp' && !config.SMTP_FROM)
    problems.push('SMTP_FROM: is required to send mail, e.g. "BPO engine <bpo@example.com>"');
  return problems;
}
