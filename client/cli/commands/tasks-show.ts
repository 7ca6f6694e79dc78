import type { Command } from 'commander';
import { apiClient, taskPath } from '../api-session';
import { cliConfig } from '../context';
import { taskLine, type TaskLine } from './task-format';

interface TaskDetail extends TaskLine {
  context: Record<string, unknown>;
  allowedActions: string[];
  form: { name: string };
  audit: { at: string; actor: string; action: string; comment?: string }[];
}

/** `bpo tasks show <id>`: a task with its context, allowed actions and audit trail. */
export function registerTasksShow(tasks: Command): void {
  tasks
    .command('show')
    .description('show one task')
    .argument('<id>', 'task id')
    .option('--json', 'print the API answer as JSON', false)
    .action(async (id: string, options: { json: boolean }) => {
      const api = await apiClient(cliConfig());
      const task = await api.get<TaskDetail>(taskPath(id));
      if (options.json) return console.log(JSON.stringify(task, null, 2));
      console.log(taskLine(task));
      console.log(`form: ${task.form.name}   you may: ${task.allowedActions.join(', ') || 'nothing'}`);
      console.log(`context: ${JSON.stringify(task.context)}`);
      for (const r of task.audit)
        console.log(`  ${r.at}  ${r.actor.padEnd(10)} ${r.action}${r.comment ? `: ${r.comment}` : ''}`);
    });
}
