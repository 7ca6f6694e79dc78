import type { Config } from '../../platform/config';
import type { ProcessDefinition } from '../../processes/define-process';
import { installedProcesses } from '../../processes/installed';
import { SCHEDULE_ID_PREFIX, type ScheduleDefinition } from '../schedules';
import { loadHolidays } from './holidays';

/** Every installed process's schedules for this environment, with the holiday calendar from config. */
export async function loadScheduleDefinitions(
  config: Config,
  processes: readonly ProcessDefinition[] = installedProcesses,
): Promise<ScheduleDefinition[]> {
  const holidays = await loadHolidays(config.HOLIDAYS_FILE);
  return processes.flatMap((p) => p.schedules?.(config, holidays) ?? []);
}

/** The ids this environment owns: a task-queue prefix keeps environments sharing a namespace apart. */
export function scheduleScope(config: Pick<Config, 'TEMPORAL_TASK_QUEUE_PREFIX'>): string {
  return `${SCHEDULE_ID_PREFIX}${config.TEMPORAL_TASK_QUEUE_PREFIX}`;
}
