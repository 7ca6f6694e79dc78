import { ApplicationFailure } from '@temporalio/common';
import { createTransport, type NodemailerError } from 'nodemailer';
import { notifyFailures } from '../../../schemas/engine/failures';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
}

export interface SmtpSender {
  /** Sends one message to all recipients; throws an ApplicationFailure that says whether a retry can help. */
  send(mail: OutgoingMail): Promise<{ accepted: string[]; rejected: string[] }>;
}

export interface SmtpSenderOptions {
  /** smtp://user:password@host:port (STARTTLS when offered) or smtps://… (TLS from the start). */
  url: string;
  from: string;
}

/**
 * Mail over SMTP with nodemailer. The timeouts stay under the notify activities' 30-second start-to-close
 * timeout, so a silent server fails the attempt here, with a reason, rather than by the Temporal timeout.
 */
export function createSmtpSender(options: SmtpSenderOptions): SmtpSender {
  // A fresh connection per message: notifications are few, and a pooled socket could be stale after hours.
  const transport = createTransport(
    { url: options.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 },
    { from: options.from },
  );
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
        return { accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
      } catch (err) {
        throw smtpFailure(err);
      }
    },
  };
}

/**
 * Permanent rejections (5xx replies, which nodemailer marks `permanent`, or an envelope it refuses itself)
 * would be refused again: no retry. Dropped connections, timeouts and 4xx replies may pass on a later attempt.
 */
export function smtpFailure(err: unknown): ApplicationFailure {
  const e = err as NodemailerError;
  const details = { code: e.code, responseCode: e.responseCode, command: e.command, rejected: e.rejected };
  const permanent = e.permanent === true || (e.code === 'EENVELOPE' && e.responseCode === undefined);
  return notifyFailures.create(permanent ? 'SmtpRejected' : 'SmtpUnavailable', `mail not sent: ${e.message}`, details);
}
