import type { Candidates } from '../../../schemas/engine/human-task';

/** A human task's reminder, escalation or expiry, for the people who hold or may take it. */
export interface TaskNotification {
  kind: 'reminder' | 'escalation' | 'expired';
  taskId: string;
  title: string;
  process: string;
  dueAt: string | null;
  to: Candidates;
}

/** What became of an invoice, for the person who submitted it. */
export interface InvoiceNotification {
  kind: 'invoice-rejected' | 'invoice-reversed' | 'invoice-failed';
  businessKey: string;
  /** The submitter: a user name from the users file, or an e-mail address. */
  to: string;
  vendorId: string;
  invoiceNumber: string;
  reason: string;
}

export type Notification = TaskNotification | InvoiceNotification;

export const isTaskNotification = (notification: Notification): notification is TaskNotification =>
  typeof notification.to !== 'string';
