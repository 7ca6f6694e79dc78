import type { Command } from 'commander';
import { apiClient, taskPath } from '../api-session';
import { CliError, cliConfig, ExitCode } from '../context';
import { taskLine, type TaskLine } from './task-format';

interface Options {
  data?: string;
  approve: boolean;
  reject?: string;
  comment?: string;
}

/** `bpo tasks complete <id>`: form data as JSON, or the shortcuts --approve / --reject <reason>. */
export function registerTasksComplete(tasks: Command): void {
  tasks
    .command('complete')
    .description("complete a task with its form's data")
    .argument('<id>', 'task id')
    .option('--data <json>', 'form data as JSON, e.g. {"decision":"approve"}')
    .option('--approve', 'shortcut for {"decision":"approve"}', false)
    .option('--reject <reason>', 'shortcut for {"decision":"reject","comment":<reason>}')
    .option('--comment <text>', 'comment for the audit trail')
    .action(async (id: string, options: Options) => {
      let data: unknown;
      if (options.data) {
        try {
          data = JSON.parse(options.data);
        } catch {
          throw new CliError('--data is not valid JSON', ExitCode.invalidInput);
        }
      } else if (options.approve) data = { decision: 'approve' };
      else if (options.reject) data = { decision: 'reject', comment: options.reject };
      else throw new CliError('give --data, --approve or --reject <reason>', ExitCode.invalidInput);
      const api = await apiClient(cliConfig());
      const task = await api.post<TaskLine>(`${taskPath(id)}/complete`, { data, comment: options.comment });
      console.log(`✔ ${taskLine(task)}`);
    });
}
