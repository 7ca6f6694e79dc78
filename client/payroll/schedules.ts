import type { Config } from '../../platform/config';
import { nightly, type NightlyConfig, type ScheduleDefinition } from '../schedules';
import type { Holiday } from '../schedules/holidays';

/** The nightly check of the month's payroll run (`runId: 'current'`: the month the night belongs to). */
export function payrollSchedules(
  config: NightlyConfig & Pick<Config, 'PAYROLL_CHECK_AT'>,
  holidays: Holiday[],
): ScheduleDefinition[] {
  return [
    nightly(config, holidays, {
      name: 'payroll-check',
      at: config.PAYROLL_CHECK_AT,
      description: "Checks the current month's payroll run",
      workflowType: 'payrollCheck',
      args: [{ runId: 'current' }],
    }),
  ];
}
