import { ticketReviewForm } from './ticket-review-form';

/** The forms of this process's tasks and launchers, registered with the engine by name. */
export const ticketForms = { 'ticket-review': ticketReviewForm } as const;

type Forms = typeof ticketForms;
declare module '../engine/forms' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this process's forms into the registry
  interface FormRegistry extends Forms {}
}
