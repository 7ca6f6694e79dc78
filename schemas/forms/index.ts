import type { z } from 'zod';
import { approvalForm } from './approval';
import { payrollReviewForm } from './payroll-review';
import { purchaseRequestForm } from './purchase-request';
import { ticketReviewForm } from './ticket-review';
import { vendorExceptionForm } from './vendor-exception';

/**
 * Task and launch forms by name. A zod schema cannot travel through Temporal as data, so a task carries the
 * form's name and every side (workflow validator, API, inbox) looks the schema up here.
 */
export const forms = {
  approval: approvalForm,
  'purchase-request': purchaseRequestForm,
  'payroll-review': payrollReviewForm,
  'ticket-review': ticketReviewForm,
  'vendor-exception': vendorExceptionForm,
} as const;

export type FormName = keyof typeof forms;
export type FormData<N extends FormName> = z.infer<(typeof forms)[N]>;

export function isFormName(name: string): name is FormName {
  return Object.prototype.hasOwnProperty.call(forms, name);
}

export function formSchema<N extends FormName>(name: N): (typeof forms)[N] {
  return forms[name];
}
