import type { Command } from 'commander';
import { apiClient, taskPath } from '../api-session';
import { cliConfig } from '../context';
import { taskLine, type TaskLine } from './task-format';

/** `bpo tasks claim <id>` (and `--release` to unclaim). */
export function registerTasksClaim(tasks: Command): void {
  tasks
    .command('claim')
    .description('claim an open task (or give it back with --release)')
    .argument('<id>', 'task id')
    .option('--release', 'unclaim instead', false)
    .action(async (id: string, options: { release: boolean }) => {
      const api = await apiClient(cliConfig());
      const task = await api.post<TaskLine>(`${taskPath(id)}/${options.release ? 'unclaim' : 'claim'}`);
      console.log(`✔ ${taskLine(task)}`);
    });
}
