import { defineFailures } from '../engine/failures';

/** How a ticket's own requests can be refused. */
export const ticketFailures = defineFailures({
  SummaryUnavailable: { retryable: false, status: 503, meaning: 'no fresh summary could be made' },
  TicketUnreadable: { retryable: false, meaning: 'the sealed raw ticket is missing or cannot be opened' },
});
