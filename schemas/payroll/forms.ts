import { payrollReviewForm } from './payroll-review-form';

/** The forms of this process's tasks and launchers, registered with the engine by name. */
export const payrollForms = { 'payroll-review': payrollReviewForm } as const;

type Forms = typeof payrollForms;
declare module '../engine/forms' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this process's forms into the registry
  interface FormRegistry extends Forms {}
}
