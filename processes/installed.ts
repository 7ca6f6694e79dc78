import { registerForms } from '../schemas/engine/forms';
import { engineRoles } from '../platform/users';
import { dataEntry } from './data-entry';
import type { ProcessDefinition } from './define-process';
import { invoices } from './invoices';
import { payroll } from './payroll';
import { purchasing } from './purchasing';
import { tickets } from './tickets';
import { vendorOnboarding } from './vendor-onboarding';

/**
 * The installed processes: one line each. Workers, the workflow bundle, the API and inbox, the CLI, the
 * schedules and the users file all read this list; the engine knows no process by name.
 */
export const installedProcesses = install([invoices, payroll, dataEntry, tickets, purchasing, vendorOnboarding]);

/** Checks that names do not clash and registers the processes' forms for this (Node) process. */
function install(processes: readonly ProcessDefinition[]): readonly ProcessDefinition[] {
  const seen = new Set<string>();
  const launchers = new Set<string>();
  for (const process of processes) {
    if (seen.has(process.name)) throw new Error(`process ${process.name} is installed twice`);
    seen.add(process.name);
    registerForms(process.name, process.forms ?? {});
    for (const launcher of process.launchers ?? []) {
      if (launchers.has(launcher.name)) throw new Error(`launcher ${launcher.name} of ${process.name} is taken`);
      launchers.add(launcher.name);
    }
  }
  return processes;
}

/** Every role a user may hold: the engine's and those the installed processes declare. */
export function allRoles(processes: readonly ProcessDefinition[] = installedProcesses): string[] {
  return [...new Set<string>([...engineRoles, ...processes.flatMap((p) => (p.roles ?? []).map((r) => r.name))])];
}
