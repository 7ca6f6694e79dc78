import { ScheduleOverlapPolicy, type CalendarSpec, type ScheduleOptions } from '@temporalio/client';
import { taskQueue, type Config } from '../platform/config';
import { exceptionTaskSettings } from './data-entry/exception-task-settings';
import type { Holiday } from './schedules/holidays';

/**
 * Every schedule the engine runs, defined in code. `bpo schedules apply` (and `npm start`) makes the cluster
 * match this list; ids start with `bpo-` so apply can tell its own schedules from anyone else's.
 */
export const SCHEDULE_ID_PREFIX = 'bpo-';

export type ScheduleDefinition = Omit<ScheduleOptions, 'memo' | 'searchAttributes' | 'typedSearchAttributes'> & {
  description: string;
};

const months = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;

/** A whole calendar day to leave out: every hour, minute and second of it (unset fields mean 0, not "any"). */
export function wholeDay(date: string): CalendarSpec {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return {
    year,
    month: months[month - 1],
    dayOfMonth: day,
    hour: { start: 0, end: 23 },
    minute: { start: 0, end: 59 },
    second: { start: 0, end: 59 },
  };
}

function dailyAt(time: string): CalendarSpec {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { hour, minute, comment: `daily at ${time}` };
}

type ScheduleConfig = Pick<
  Config,
  | 'TEMPORAL_TASK_QUEUE_PREFIX'
  | 'SCHEDULE_TIME_ZONE'
  | 'PAYROLL_CHECK_AT'
  | 'DATA_ENTRY_AT'
  | 'DATA_DIR'
  | 'DATA_ENTRY_EXCEPTION_ROLE'
  | 'DATA_ENTRY_EXCEPTION_DUE_IN'
  | 'DATA_ENTRY_EXCEPTION_EXPIRE_AFTER'
>;

export function scheduleDefinitions(config: ScheduleConfig, holidays: Holiday[]): ScheduleDefinition[] {
  const skip = holidays.map((h) => ({ ...wholeDay(h.date), comment: h.name }));
  // A nightly batch that is still running when the next one is due is skipped, not queued; missed nights
  // (server down) are caught up within a day; a failed run pauses the schedule until someone looks at it.
  const nightlyPolicies = {
    overlap: ScheduleOverlapPolicy.SKIP,
    catchupWindow: '1 day',
    pauseOnFailure: true,
  } as const;
  return [
    {
      scheduleId: `${SCHEDULE_ID_PREFIX}${config.TEMPORAL_TASK_QUEUE_PREFIX}nightly-payroll-check`,
      description: `Checks the current month's payroll run every night at ${config.PAYROLL_CHECK_AT} (${config.SCHEDULE_TIME_ZONE})`,
      spec: { calendars: [dailyAt(config.PAYROLL_CHECK_AT)], skip, timezone: config.SCHEDULE_TIME_ZONE },
      action: {
        type: 'startWorkflow',
        workflowType: 'payrollCheck',
        workflowId: `${config.TEMPORAL_TASK_QUEUE_PREFIX}payroll-check-nightly`,
        args: [{ runId: 'current' }],
        taskQueue: taskQueue(config, 'main'),
      },
      policies: nightlyPolicies,
    },
    {
      scheduleId: `${SCHEDULE_ID_PREFIX}${config.TEMPORAL_TASK_QUEUE_PREFIX}nightly-data-entry`,
      description: `Enters the files waiting in the data-entry drop folder every night at ${config.DATA_ENTRY_AT} (${config.SCHEDULE_TIME_ZONE})`,
      spec: { calendars: [dailyAt(config.DATA_ENTRY_AT)], skip, timezone: config.SCHEDULE_TIME_ZONE },
      action: {
        type: 'startWorkflow',
        workflowType: 'dropFolderDataEntry',
        workflowId: `${config.TEMPORAL_TASK_QUEUE_PREFIX}data-entry-nightly`,
        args: [
          {
            folder: `${config.DATA_DIR}/drop/data-entry`,
            botsTaskQueue: taskQueue(config, 'bots'),
            exceptionTasks: exceptionTaskSettings(config),
          },
        ],
        taskQueue: taskQueue(config, 'main'),
      },
      policies: nightlyPolicies,
    },
  ];
}
