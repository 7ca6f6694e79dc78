import type { Command } from 'commander';
import { login } from '../api-session';
import { CliError, cliConfig, ExitCode } from '../context';

/** `bpo login`: gets a session token from the API and keeps it for the `bpo tasks` commands. */
export function registerLogin(program: Command): void {
  program
    .command('login')
    .description('log in to the API (the token is kept for later commands)')
    .option('-u, --user <name>', 'user name (or BPO_USER)')
    .option('-p, --password <password>', 'password (or BPO_PASSWORD)')
    .action(async (options: { user?: string; password?: string }) => {
      const username = options.user ?? process.env.BPO_USER;
      const password = options.password ?? process.env.BPO_PASSWORD;
      if (!username || !password)
        throw new CliError('give --user and --password, or set BPO_USER and BPO_PASSWORD', ExitCode.invalidInput);
      const session = await login(cliConfig(), username, password);
      console.log(`✔ logged in to ${session.url} as ${session.username}`);
    });
}
