import { taskQueue, type Config } from '../../platform/config';
import { nightly, type NightlyConfig, type ScheduleDefinition } from '../schedules';
import type { Holiday } from '../schedules/holidays';
import { exceptionTaskSettings, type ExceptionTaskConfig } from './exception-task-settings';

/** The nightly batch of the files waiting in the data-entry drop folder. */
export function dataEntrySchedules(
  config: NightlyConfig &
    ExceptionTaskConfig &
    Pick<Config, 'DATA_ENTRY_AT' | 'DATA_DIR' | 'DATA_ENTRY_MAX_FILE_BYTES'>,
  holidays: Holiday[],
): ScheduleDefinition[] {
  return [
    nightly(config, holidays, {
      name: 'data-entry',
      at: config.DATA_ENTRY_AT,
      description: 'Enters the files waiting in the data-entry drop folder',
      workflowType: 'dropFolderDataEntry',
      args: [
        {
          folder: `${config.DATA_DIR}/drop/data-entry`,
          botsTaskQueue: taskQueue(config, 'bots'),
          exceptionTasks: exceptionTaskSettings(config),
          maxFileBytes: config.DATA_ENTRY_MAX_FILE_BYTES,
        },
      ],
    }),
  ];
}
