import { z } from 'zod';

const employeeId = /^E-\d{5,}$/;

/**
 * A reviewer group's decision on its payroll findings: approve them all, hold them all, or hold the payments
 * of the employees listed (the others are approved).
 */
export const payrollReviewForm = z
  .object({
    decision: z.enum(['approve-all', 'hold-all', 'hold-listed'], {
      message: 'must be approve-all, hold-all or hold-listed',
    }),
    hold: z
      .string()
      .trim()
      .max(20_000)
      .optional()
      .describe('Employee ids whose payment is held, separated by commas or spaces'),
    comment: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  })
  .superRefine((form, ctx) => {
    if (form.decision !== 'hold-listed') return;
    const ids = heldEmployeeIds(form);
    if (ids.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['hold'],
        message: 'list at least one employee id when holding listed payments',
      });
    const bad = ids.filter((id) => !employeeId.test(id));
    if (bad.length > 0)
      ctx.addIssue({ code: 'custom', path: ['hold'], message: `not employee ids: ${bad.slice(0, 5).join(', ')}` });
  });

export type PayrollReviewForm = z.infer<typeof payrollReviewForm>;

export function heldEmployeeIds(form: Pick<PayrollReviewForm, 'hold'>): string[] {
  return (form.hold ?? '').split(/[\s,;]+/).filter(Boolean);
}
