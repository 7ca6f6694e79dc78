import type { Client } from '@temporalio/client';
import type { FormName } from '../../schemas/engine/forms';
import type { ApiUser } from './context';

/** A process a person may launch from the inbox (attended automation): its start form and who may start it. */
export interface LaunchableProcess {
  name: string;
  title: string;
  description: string;
  form: FormName;
  roles: string[];
  /**
   * Starts the process with form data already checked against `form`; returns its workflow id. `taskQueue` is
   * where its workflows run; `queues` names this deployment's bots and llm queues for the steps it sends there.
   */
  start(client: Client, taskQueue: string, input: unknown, user: ApiUser, queues: LaunchQueues): Promise<string>;
}

export interface LaunchQueues {
  bots: string;
  llm: string;
}

/** Every launcher of the installed processes. */
export function launchersOf(processes: readonly { launchers?: LaunchableProcess[] }[]): LaunchableProcess[] {
  return processes.flatMap((p) => p.launchers ?? []);
}

export const findLauncher = (launchers: readonly LaunchableProcess[], name: string) =>
  launchers.find((p) => p.name === name);
export const mayStart = (process: LaunchableProcess, user: ApiUser) =>
  user.roles.some((r) => process.roles.includes(r));
