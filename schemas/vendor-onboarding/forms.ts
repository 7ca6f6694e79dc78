import { vendorOnboardingForm } from './vendor-onboarding-form';

/** The forms of this process's tasks and launchers, registered with the engine by name. */
export const vendorOnboardingForms = { 'vendor-onboarding': vendorOnboardingForm } as const;

type Forms = typeof vendorOnboardingForms;
declare module '../engine/forms' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this process's forms into the registry
  interface FormRegistry extends Forms {}
}
