import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import type { z } from 'zod';
import type { ArtifactStore } from '../activities/engine/artifacts';
import type { Notifier } from '../activities/engine/notify';
import type { AnyLlmTask, LlmStepDeps } from '../activities/engine/llm';
import type { PortalBotDeps } from '../activities/systems/portal/bot-deps';
import type { ApiApp, ApiDeps } from '../client/api/context';
import type { LaunchableProcess } from '../client/api/processes';
import type { ScheduleDefinition } from '../client/schedules';
import type { Holiday } from '../client/schedules/holidays';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import type { TaskStore } from '../platform/task-store/task-store';

/** What the `main` worker gives a process's activities: the engine's stores and its notifier. */
export interface MainActivityDeps {
  config: Config;
  taskStore: TaskStore;
  notifier: Notifier;
  artifacts: ArtifactStore;
}

/** What the `bots` worker gives a process's bots: the shared browser, signed in to the portal, and the evidence store. */
export interface BotActivityDeps {
  config: Config;
  portal: PortalBotDeps;
}

/** What the `llm` worker gives a process's model calls: the endpoint, cache and budget all steps share. */
export interface LlmActivityDeps {
  config: Config;
  llm: LlmStepDeps;
}

type ActivityFactory<D> = (deps: D) => object;

/**
 * One process, declared once: its workflows, its activities per task queue, its forms, roles, launchers,
 * schedules, command-line commands and API routes. Installing it is one line in `processes/installed.ts`, which
 * the workers, the workflow bundle, the API and inbox, the CLI, `bpo schedules apply` and the users file read.
 */
export interface ProcessDefinition {
  /** Lower-case kebab name; the name of the process's sub-folder in each layer. */
  name: string;
  title: string;
  /** Absolute path of the process's workflow entry (`workflows/<name>/index.ts`), which the bundle includes. */
  workflowsPath: string;
  activities?: {
    main?: ActivityFactory<MainActivityDeps>;
    bots?: ActivityFactory<BotActivityDeps>;
    llm?: ActivityFactory<LlmActivityDeps>;
  };
  /** The LLM tasks its workflows run with `llmStep` (the llm worker's generic activity runs them by name). */
  llmTasks?: AnyLlmTask[];
  /** Task and launch forms by name (the same object the process's workflow entry registers). */
  forms?: Record<string, z.ZodType>;
  /** Roles this process gives tasks to, beyond the engine's own; users in the users file may hold them. */
  roles?: { name: string; description: string }[];
  /** Processes a person may start from the inbox. */
  launchers?: LaunchableProcess[];
  schedules?: (config: Config, holidays: Holiday[]) => ScheduleDefinition[];
  /** Adds the process's commands to `bpo`. */
  cli?: (program: Command) => void;
  /** Adds the process's routes to the API (under `/api/`). */
  api?: (app: ApiApp, deps: ApiDeps) => void;
  /** Long-running intake beside the workers in `npm start` (e.g. a drop folder watcher); stopped on shutdown. */
  services?: (ctx: ServiceContext) => RunningService | undefined;
}

export interface ServiceContext {
  config: Config;
  client: Client;
  logger: Logger;
}

export interface RunningService {
  stop(): Promise<void>;
}

const processName = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Checks a declaration where it is written, so a mistake names the process at start rather than at first use. */
export function defineProcess<const P extends ProcessDefinition>(process: P): P {
  if (!processName.test(process.name)) {
    throw new TypeError(
      `process name ${JSON.stringify(process.name)} must be lower-case kebab-case, like vendor-onboarding`,
    );
  }
  for (const role of process.roles ?? []) {
    if (!processName.test(role.name))
      throw new TypeError(`process ${process.name}: role ${role.name} must be kebab-case`);
  }
  return process;
}
