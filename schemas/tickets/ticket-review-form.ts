import { z } from 'zod';
import { ticketCategories, ticketPriorities } from './ticket-triage';

/**
 * An agent's review of a triaged ticket: accept the proposed summary and reply, or edit them. Edited fields
 * replace the proposal; fields left empty keep it.
 */
export const ticketReviewForm = z
  .object({
    decision: z.enum(['accept', 'edit'], { message: 'must be accept or edit' }),
    summary: z
      .string()
      .trim()
      .max(1200, 'must be at most 1200 characters')
      .optional()
      .describe('Your summary; empty keeps the proposed one'),
    draftReply: z
      .string()
      .trim()
      .max(4000, 'must be at most 4000 characters')
      .optional()
      .describe('The reply to send; empty keeps the proposed one'),
    category: z.enum(ticketCategories, { message: `must be one of ${ticketCategories.join(', ')}` }).optional(),
    priority: z.enum(ticketPriorities, { message: `must be one of ${ticketPriorities.join(', ')}` }).optional(),
    comment: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  })
  .refine(
    (form) => form.decision !== 'edit' || Boolean(form.summary || form.draftReply || form.category || form.priority),
    {
      path: ['summary'],
      message: 'an edit changes at least the summary, the reply, the category or the priority',
    },
  );

export type TicketReviewForm = z.infer<typeof ticketReviewForm>;
