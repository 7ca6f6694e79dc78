import type { LlmUsage, TicketTriage, TriageSource } from '../../schemas/tickets/ticket-triage';

/** What the engine files for a triaged ticket: the redacted summary and reply, and how they were reached. */
export interface FiledTicket {
  businessKey: string;
  ticketId: string;
  subject: string;
  filedAt: string;
  route: 'auto' | 'review';
  reasons: string[];
  triage?: TicketTriage;
  source?: TriageSource;
  model?: string;
  reviewedBy?: string;
  usage: LlmUsage;
  piiRef: string;
}
