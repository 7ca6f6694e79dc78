import type { Config } from '../../platform/config';
import type { ExceptionTaskSettings } from '../../workflows/data-entry';

export type ExceptionTaskConfig = Pick<
  Config,
  'DATA_ENTRY_EXCEPTION_ROLE' | 'DATA_ENTRY_EXCEPTION_DUE_IN' | 'DATA_ENTRY_EXCEPTION_EXPIRE_AFTER'
>;

/** Who works a batch's exception tasks and how long they have, from the engine's configuration. */
export function exceptionTaskSettings(config: ExceptionTaskConfig): ExceptionTaskSettings {
  return {
    role: config.DATA_ENTRY_EXCEPTION_ROLE,
    dueIn: config.DATA_ENTRY_EXCEPTION_DUE_IN,
    expireAfter: config.DATA_ENTRY_EXCEPTION_EXPIRE_AFTER,
  };
}
