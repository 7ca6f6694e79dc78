import { isTaskNotification, type InvoiceNotification, type Notification, type TaskNotification } from './notification';

export interface MailText {
  subject: string;
  text: string;
}

/** "2026-03-09T10:00:00.000Z" → "2026-03-09 10:00 UTC": what a person reads in a mail. */
function readableTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Titles and reasons come from business data: one line each, so they cannot break the subject or the layout. */
const oneLine = (text: string, max = 200): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const link = (inboxUrl: string | undefined, hash: string): string | undefined =>
  inboxUrl ? `${inboxUrl.replace(/\/+$/, '')}/#/${hash}` : undefined;

function taskMail(n: TaskNotification, inboxUrl: string | undefined): MailText {
  const title = oneLine(n.title);
  const due = n.dueAt ? readableTime(n.dueAt) : 'no due date';
  const { subject, reason } = {
    reminder: { subject: `Reminder: "${title}" is due ${due}`, reason: 'the due date is near' },
    escalation: {
      subject: `Escalated to you: "${title}" is overdue`,
      reason: 'the due date passed, so the task went to you',
    },
    expired: { subject: `Expired: "${title}"`, reason: 'no one completed the task in time' },
  }[n.kind];
  const url = link(inboxUrl, `task/${encodeURIComponent(n.taskId)}`);
  return {
    subject,
    text: [
      `Task:     ${title}`,
      `Process:  ${oneLine(n.process)}`,
      `Due:      ${due}`,
      `Reason:   ${reason}`,
      `Task id:  ${n.taskId}`,
      '',
      url ? `Open it in the inbox: ${url}` : 'Find it in the inbox by its task id.',
      '',
    ].join('\n'),
  };
}

function invoiceMail(n: InvoiceNotification, inboxUrl: string | undefined): MailText {
  const what = `Invoice ${oneLine(n.invoiceNumber, 80)} from ${oneLine(n.vendorId, 80)}`;
  const outcome = {
    'invoice-rejected': 'was rejected',
    'invoice-reversed': 'was posted, then reversed',
    'invoice-failed': 'could not be processed',
  }[n.kind];
  const url = link(inboxUrl, `run/${encodeURIComponent(n.businessKey)}`);
  return {
    subject: `${what} ${outcome}`,
    text: [
      `${what} ${outcome}.`,
      '',
      `Invoice:  ${oneLine(n.invoiceNumber, 80)}`,
      `Vendor:   ${oneLine(n.vendorId, 80)}`,
      `Reason:   ${oneLine(n.reason, 1000)}`,
      `Reference: ${n.businessKey}`,
      '',
      url ? `See it in the inbox: ${url}` : 'Look it up in the inbox by its reference.',
      '',
    ].join('\n'),
  };
}

/** A short plain-text mail: the subject says what happened, the body the facts and where to act. */
export function renderMail(notification: Notification, inboxUrl?: string): MailText {
  return isTaskNotification(notification) ? taskMail(notification, inboxUrl) : invoiceMail(notification, inboxUrl);
}
