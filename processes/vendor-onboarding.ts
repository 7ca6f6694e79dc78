import { join } from 'node:path';
import { createVendorOnboardingBots, vendorDocumentCheckTask } from '../activities/vendor-onboarding';
import { vendorOnboardingLauncher } from '../client/vendor-onboarding/launcher';
import { vendorOnboardingForms } from '../schemas/vendor-onboarding/forms';
import { defineProcess } from './define-process';

/** New suppliers launched by a clerk, checked for duplicates and against their documents, approved, created by a bot. */
export const vendorOnboarding = defineProcess({
  name: 'vendor-onboarding',
  title: 'Vendor onboarding',
  workflowsPath: join(__dirname, '../workflows/vendor-onboarding'),
  activities: {
    bots: ({ portal }) => createVendorOnboardingBots(portal),
  },
  llmTasks: [vendorDocumentCheckTask],
  forms: vendorOnboardingForms,
  launchers: [vendorOnboardingLauncher],
});
