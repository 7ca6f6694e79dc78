import type { UserRole } from '../store/schema';

// What each role may do. Every page names the permission it needs, so a new page cannot forget the check:
// a viewer reads orders and invoices, a clerk enters data (the bots sign in as clerks) and approves payroll runs,
// only an administrator changes whether a vendor may be paid.

export type Permission = 'read' | 'read-hr' | 'enter-data' | 'approve-payroll' | 'manage-vendors';

const GRANTS: Record<UserRole, readonly Permission[]> = {
  viewer: ['read'],
  clerk: ['read', 'read-hr', 'enter-data', 'approve-payroll'],
  admin: ['read', 'read-hr', 'enter-data', 'approve-payroll', 'manage-vendors'],
};

export function roleMay(role: UserRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
