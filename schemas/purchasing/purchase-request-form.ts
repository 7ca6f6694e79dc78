import { z } from 'zod';

/** What a requester fills in to launch a purchase request; the requester's name comes from the session. */
export const purchaseRequestForm = z.object({
  item: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  amount: z
    .number({ message: 'must be a number' })
    .positive('must be greater than 0')
    .max(1_000_000, 'must be at most 1,000,000'),
  currency: z.enum(['EUR', 'USD', 'GBP', 'CHF'], { message: 'must be EUR, USD, GBP or CHF' }).default('EUR'),
  justification: z.string().trim().min(5, 'must be at least 5 characters').max(2000, 'must be at most 2000 characters'),
});

export type PurchaseRequestForm = z.infer<typeof purchaseRequestForm>;
