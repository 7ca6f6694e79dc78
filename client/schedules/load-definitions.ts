import type { Config } from '../../platform/config';
import { scheduleDefinitions, SCHEDULE_ID_PREFIX, type ScheduleDefinition } from '../schedules';
import { loadHolidays } from './holidays';

/** The definitions for this environment, with the holiday calendar from config. */
export async function loadScheduleDefinitions(config: Config): Promise<ScheduleDefinition[]> {
  return scheduleDefinitions(config, await loadHolidays(config.HOLIDAYS_FILE));
}

/** The ids this environment owns: a task-queue prefix keeps environments sharing a namespace apart. */
export function scheduleScope(config: Pick<Config, 'TEMPORAL_TASK_QUEUE_PREFIX'>): string {
  return `${SCHEDULE_ID_PREFIX}${config.TEMPORAL_TASK_QUEUE_PREFIX}`;
}
