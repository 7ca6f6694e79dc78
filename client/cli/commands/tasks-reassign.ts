import type { Command } from 'commander';
import { apiClient, taskPath } from '../api-session';
import { CliError, cliConfig, ExitCode } from '../context';
import { taskLine, type TaskLine } from './task-format';

/** `bpo tasks reassign <id> --to-user <name> | --to-role <role>`. */
export function registerTasksReassign(tasks: Command): void {
  tasks
    .command('reassign')
    .description('hand a task to a user or back to a role queue')
    .argument('<id>', 'task id')
    .option('--to-user <name>', 'the user who takes it over')
    .option('--to-role <role>', 'the role queue it goes to')
    .option('--comment <text>', 'why, for the audit trail')
    .action(async (id: string, options: { toUser?: string; toRole?: string; comment?: string }) => {
      if (Boolean(options.toUser) === Boolean(options.toRole))
        throw new CliError('give exactly one of --to-user and --to-role', ExitCode.invalidInput);
      const api = await apiClient(cliConfig());
      const task = await api.post<TaskLine>(`${taskPath(id)}/reassign`, {
        toUser: options.toUser,
        toRole: options.toRole,
        comment: options.comment,
      });
      console.log(`✔ ${taskLine(task)}`);
    });
}
