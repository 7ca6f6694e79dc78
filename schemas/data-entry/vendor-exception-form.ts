import { z } from 'zod';
import { vendorRecordSchema } from './vendor-record';

/**
 * A clerk's decision on a vendor record the portal refused: correct it and have the bot enter it again, or
 * dismiss it with a reason. Corrected fields are checked by the vendor-record schema itself; fields left
 * empty keep the value from the file.
 */
export const vendorExceptionForm = z
  .object({
    decision: z
      .enum(['retry', 'dismiss'], { message: 'must be retry or dismiss' })
      .describe('retry enters the corrected record again; dismiss leaves it out'),
    record: vendorRecordSchema
      .partial()
      .optional()
      .describe('The corrected fields; empty fields keep the value from the file'),
    comment: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  })
  .refine((form) => form.decision !== 'dismiss' || (form.comment !== undefined && form.comment.length > 0), {
    path: ['comment'],
    message: 'is required when dismissing',
  });

export type VendorExceptionForm = z.infer<typeof vendorExceptionForm>;
