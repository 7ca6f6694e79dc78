import { purchaseRequestForm } from './purchase-request-form';

/** The forms of this process's tasks and launchers, registered with the engine by name. */
export const purchasingForms = { 'purchase-request': purchaseRequestForm } as const;

type Forms = typeof purchasingForms;
declare module '../engine/forms' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this process's forms into the registry
  interface FormRegistry extends Forms {}
}
