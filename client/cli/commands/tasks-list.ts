import type { Command } from 'commander';
import { apiClient } from '../api-session';
import { cliConfig } from '../context';
import { taskLine, type TaskLine } from './task-format';

interface Options {
  view: string;
  status?: string;
  role?: string;
  process?: string;
  q?: string;
  sort: string;
  limit: string;
  json: boolean;
}

/** `bpo tasks list`: the inbox in the terminal, with the web inbox's filters. */
export function registerTasksList(tasks: Command): void {
  tasks
    .command('list')
    .description('list tasks (mine, my role queues, or all I may see)')
    .option('--view <view>', 'mine | queue | all', 'all')
    .option('--status <list>', 'comma-separated statuses, or any (default open,claimed)')
    .option('--role <role>', 'only tasks offered to this role')
    .option('--process <name>', 'only tasks of this process')
    .option('-q, --q <text>', 'text search')
    .option('--sort <order>', 'due | -due | created | -created | priority', 'due')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'print the API answer as JSON', false)
    .action(async (options: Options) => {
      const api = await apiClient(cliConfig());
      const params = new URLSearchParams({ view: options.view, sort: options.sort, limit: options.limit });
      for (const key of ['status', 'role', 'process', 'q'] as const) if (options[key]) params.set(key, options[key]);
      const page = await api.get<{ items: TaskLine[]; nextCursor: string | null }>(`/api/tasks?${params}`);
      if (options.json) return console.log(JSON.stringify(page, null, 2));
      for (const task of page.items) console.log(taskLine(task));
      console.log(`${page.items.length} task(s)${page.nextCursor ? ' (more: raise --limit)' : ''}`);
    });
}
