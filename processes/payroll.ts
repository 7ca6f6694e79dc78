import { join } from 'node:path';
import { createPayrollActivities } from '../activities/payroll';
import { registerPayrollCheck } from '../client/payroll/cli-payroll-check';
import { payrollSchedules } from '../client/payroll/schedules';
import { portalUrl } from '../platform/config';
import { payrollForms } from '../schemas/payroll/forms';
import { defineProcess } from './define-process';

const roles = [
  { name: 'payroll', description: 'reviews pay findings: net mismatches, hours, rates' },
  { name: 'hr', description: 'reviews people findings: terminated staff paid, duplicates' },
  { name: 'payroll-security', description: 'reviews bank findings: changed or shared accounts' },
];

/** The monthly payroll run checked line by line before money moves, findings reviewed by the right people. */
export const payroll = defineProcess({
  name: 'payroll',
  title: 'Payroll check',
  workflowsPath: join(__dirname, '../workflows/payroll'),
  activities: {
    main: ({ config, artifacts }) =>
      createPayrollActivities({
        portal: { url: portalUrl(config), username: config.PORTAL_USER, password: config.PORTAL_PASSWORD },
        artifacts,
        policy: { maxWeeklyHours: config.PAYROLL_MAX_WEEKLY_HOURS, maxRateChange: config.PAYROLL_MAX_RATE_CHANGE },
        // Snapshots and reports (every IBAN) are for the process's own roles only.
        recordReaders: roles.map((r) => r.name),
      }),
  },
  forms: payrollForms,
  roles,
  schedules: payrollSchedules,
  cli: registerPayrollCheck,
});
