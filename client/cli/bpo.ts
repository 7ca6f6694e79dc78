import { Command } from 'commander';
import { registerDataEntry } from './commands/data-entry';
import { registerHealth } from './commands/health';
import { registerInvoiceSubmit } from './commands/invoice-submit';
import { registerLogin } from './commands/login';
import { registerTasksClaim } from './commands/tasks-claim';
import { registerTasksComplete } from './commands/tasks-complete';
import { registerTasksList } from './commands/tasks-list';
import { registerTasksReassign } from './commands/tasks-reassign';
import { registerTasksShow } from './commands/tasks-show';
import { registerPayrollCheck } from './commands/payroll-check';
import { registerSchedules } from './commands/schedules';
import { registerTemporalSetup } from './commands/temporal-setup';
import { registerTicketSubmit } from './commands/ticket-submit';
import { CliError, ExitCode } from './context';

/** `bpo`: the command line for engineers and operators. One file per command under commands/. */
export function buildProgram(): Command {
  const program = new Command('bpo').description('Digital BPO engine on Temporal').showHelpAfterError();
  const invoice = program.command('invoice').description('invoice processing');
  registerInvoiceSubmit(invoice);
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
  registerTicketSubmit(program.command('ticket').description('support tickets: redaction, LLM triage, review'));
  registerTemporalSetup(program);
  registerHealth(program);
  registerDataEntry(program);
  registerSchedules(program);
  registerPayrollCheck(program);
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
