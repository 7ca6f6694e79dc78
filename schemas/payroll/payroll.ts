import { z } from 'zod';
import { isoDate } from '../engine/money';

/** One employee's line in a payroll run, joined with the employee master data the checks need. */
export const payrollRecordSchema = z.object({
  employeeId: z.string().trim().min(1, 'is required'),
  employeeName: z.string().trim().min(1, 'is required'),
  status: z.enum(['active', 'terminated'], { message: 'must be active or terminated' }),
  terminationDate: isoDate.nullable(),
  hours: z.number({ message: 'must be a number' }).finite(),
  timesheetHours: z.number({ message: 'must be a number' }).finite(),
  rate: z.number({ message: 'must be a number' }).finite(),
  gross: z.number({ message: 'must be a number' }).finite(),
  deductions: z.number({ message: 'must be a number' }).finite(),
  taxes: z.number({ message: 'must be a number' }).finite(),
  net: z.number({ message: 'must be a number' }).finite(),
  bankIban: z.string().trim().min(1, 'is required'),
});
export type PayrollRecord = z.infer<typeof payrollRecordSchema>;

export const payrollRunHeaderSchema = z.object({
  runId: z.string().regex(/^PR-\d{4}-\d{2}$/, 'must look like PR-2026-11'),
  periodStart: isoDate,
  periodEnd: isoDate,
});
export type PayrollRunHeader = z.infer<typeof payrollRunHeaderSchema>;

/** Thresholds of the payroll policy; defaults are common practice, each overridable from config. */
export const payrollPolicySchema = z.object({
  maxWeeklyHours: z.number().positive().default(48),
  /** A pay-rate change above this share since the last run is flagged (0.1 = 10 %). */
  maxRateChange: z.number().positive().default(0.1),
});
export type PayrollPolicy = z.infer<typeof payrollPolicySchema>;

export const findingKinds = [
  'net-mismatch',
  'hours-over-max',
  'negative-hours',
  'no-timesheet',
  'rate-change',
  'bank-changed',
  'shared-bank-account',
  'terminated-paid',
  'duplicate-employee',
  'non-positive-net',
] as const;
export type FindingKind = (typeof findingKinds)[number];

/** Who reviews which kind: arithmetic and hours go to payroll clerks, money-diversion signals to security. */
export const reviewerGroupOf: Record<FindingKind, 'payroll' | 'payroll-security' | 'hr'> = {
  'net-mismatch': 'payroll',
  'hours-over-max': 'payroll',
  'negative-hours': 'payroll',
  'no-timesheet': 'payroll',
  'non-positive-net': 'payroll',
  'rate-change': 'hr',
  'terminated-paid': 'hr',
  'duplicate-employee': 'hr',
  'bank-changed': 'payroll-security',
  'shared-bank-account': 'payroll-security',
};
export type ReviewerGroup = (typeof reviewerGroupOf)[FindingKind];

export interface PayrollFinding {
  employeeId: string;
  kind: FindingKind;
  message: string;
  /** The row in the export (1-based, header excluded), so a reviewer can find it. */
  row: number;
}

export const findingDecisionSchema = z.enum(['approve', 'hold']);
export type FindingDecision = z.infer<typeof findingDecisionSchema>;
