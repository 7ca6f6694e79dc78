import { Command } from 'commander';
import { registerHealth } from './commands/health';
import { registerLogin } from './commands/login';
import { registerNewProcess } from './commands/new-process';
import { registerTasksClaim } from './commands/tasks-claim';
import { registerTasksComplete } from './commands/tasks-complete';
import { registerTasksList } from './commands/tasks-list';
import { registerTasksReassign } from './commands/tasks-reassign';
import { registerTasksShow } from './commands/tasks-show';
import { registerSchedules } from './commands/schedules';
import { registerTemporalSetup } from './commands/temporal-setup';
import { CliError, ExitCode } from './context';
import type { ProcessDefinition } from '../../processes/define-process';
import { installedProcesses } from '../../processes/installed';

/**
 * `bpo`: the command line for engineers and operators. The engine's commands are one file each under
 * commands/; each installed process adds its own.
 */
export function buildProgram(processes: readonly ProcessDefinition[] = installedProcesses): Command {
  const program = new Command('bpo').description('Digital BPO engine on Temporal').showHelpAfterError();
  registerLogin(program);
  const tasks = program.command('tasks').description('human tasks in the inbox, over the HTTP API');
  for (const register of [
    registerTasksList,
    registerTasksShow,
    registerTasksClaim,
    registerTasksComplete,
    registerTasksReassign,
  ])
    register(tasks);
  registerTemporalSetup(program);
  registerHealth(program);
  registerSchedules(program);
  registerNewProcess(program, processes);
  for (const process of processes) process.cli?.(program);
  return program;
}

export function runCli(argv: string[]): void {
  buildProgram()
    .parseAsync(argv)
    .catch((err: unknown) => {
      if (err instanceof CliError) {
        console.error(err.message);
        process.exit(err.exitCode);
      }
      console.error(err);
      process.exit(ExitCode.failed);
    });
}

if (require.main === module) runCli(process.argv);
