export { createVendorOnboardingBots, type VendorOnboardingBots, type CreateVendorResult } from './portal-bots';
export { vendorDocumentCheckTask, offlineDocumentCheck } from './document-check';
