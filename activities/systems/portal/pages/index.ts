// Page objects for the portal's screens: selectors by role, label and the portal's test ids, never by layout.
export { PortalPage, clickForResponse, labelled } from './portal-page';
export { LoginPage, type PortalCredentials } from './login-page';
export { VendorListPage, compactIban, normalizeVatId, type VendorRow } from './vendor-list-page';
export { readTable } from './in-page-steps';
export { NewVendorPage, type NewVendorFields } from './new-vendor-page';
export { VendorDetailPage, type VendorDetails } from './vendor-detail-page';
