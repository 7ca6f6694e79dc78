import { z } from 'zod';
import { dateTimeInRange } from '../engine/dates';

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** One message of a support thread, oldest first; bodies may still hold quoted history and signatures. */
export const ticketMessageSchema = z.object({
  from: text(320),
  sentAt: dateTimeInRange().optional(),
  body: text(100_000),
});

/**
 * A support ticket as it arrives (CLI, API, drop folder, email). `ticketId` is the business key: the
 * ticketing system's id, or for an email a hash of its Message-ID that intake fills in.
 */
export const ticketSchema = z.object({
  ticketId: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'may hold letters, digits, ".", "_", ":" and "-" only'),
  channel: z.enum(['email', 'web', 'api', 'phone'], { message: 'must be email, web, api or phone' }).default('web'),
  subject: text(500),
  customer: z
    .object({ name: text(200).optional(), email: z.email({ message: 'must be an email address' }).optional() })
    .optional(),
  messageId: text(998).optional(),
  receivedAt: dateTimeInRange().optional(),
  messages: z
    .array(ticketMessageSchema)
    .min(1, 'must hold at least one message')
    .max(200, 'must hold at most 200 messages'),
});

export type TicketMessage = z.infer<typeof ticketMessageSchema>;
export type Ticket = z.infer<typeof ticketSchema>;
export type TicketInput = z.input<typeof ticketSchema>;

/** Workflow id and search key: ids are compared case-insensitively, as ticketing systems do. */
export function ticketBusinessKey(ticket: Pick<Ticket, 'ticketId'>): string {
  return `ticket:${ticket.ticketId.trim().toUpperCase()}`;
}
