import { ScheduleOverlapPolicy, type CalendarSpec, type ScheduleOptions } from '@temporalio/client';
import { taskQueue, type Config } from '../platform/config';
import type { Holiday } from './schedules/holidays';

/**
 * Schedules are defined in code by each process (its declaration's `schedules`). `bpo schedules apply` (and
 * `npm start`) makes the cluster match them; ids start with `bpo-` so apply can tell its own schedules from anyone else's.
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

export type NightlyConfig = Pick<Config, 'TEMPORAL_TASK_QUEUE_PREFIX' | 'SCHEDULE_TIME_ZONE'>;

/**
 * A nightly unattended run of a workflow on the `main` queue, skipping holidays. A run still going when the next
 * is due is skipped, not queued; missed nights (server down) are caught up within a day; a failed run pauses the
 * schedule until someone looks at it.
 */
export function nightly(
  config: NightlyConfig,
  holidays: Holiday[],
  run: { name: string; at: string; description: string; workflowType: string; args: unknown[] },
): ScheduleDefinition {
  const skip = holidays.map((h) => ({ ...wholeDay(h.date), comment: h.name }));
  return {
    scheduleId: `${SCHEDULE_ID_PREFIX}${config.TEMPORAL_TASK_QUEUE_PREFIX}nightly-${run.name}`,
    description: `${run.description} every night at ${run.at} (${config.SCHEDULE_TIME_ZONE})`,
    spec: { calendars: [dailyAt(run.at)], skip, timezone: config.SCHEDULE_TIME_ZONE },
    action: {
      type: 'startWorkflow',
      workflowType: run.workflowType,
      workflowId: `${config.TEMPORAL_TASK_QUEUE_PREFIX}${run.name}-nightly`,
      args: run.args,
      taskQueue: taskQueue(config, 'main'),
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day', pauseOnFailure: true },
  };
}
