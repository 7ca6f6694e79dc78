import { z } from 'zod';

/** The generic approval decision: approve or reject, with a comment that a rejection must carry. */
export const approvalForm = z
  .object({
    decision: z.enum(['approve', 'reject'], { message: 'must be approve or reject' }),
    comment: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  })
  .refine((form) => form.decision !== 'reject' || (form.comment !== undefined && form.comment.length > 0), {
    path: ['comment'],
    message: 'is required when rejecting',
  });

export type ApprovalForm = z.infer<typeof approvalForm>;
