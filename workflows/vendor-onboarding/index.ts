// The vendor onboarding process's workflows (its bundle entry); its forms are registered where the workflows run.
import { registerForms } from '../../schemas/engine/forms';
import { vendorOnboardingForms } from '../../schemas/vendor-onboarding/forms';

registerForms('vendor-onboarding', vendorOnboardingForms);

export * from './vendor-onboarding';
