import type { Command } from 'commander';
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { z } from 'zod';
import { applySchedules } from '../../schedules/apply-schedules';
import { loadScheduleDefinitions, scheduleScope } from '../../schedules/load-definitions';
import { CliError, cliClient, cliConfig, ExitCode } from '../context';

/** Runs an action with a connected client, turning "no such schedule" into a clear message. */
async function withClient(action: (client: Client, scope: string) => Promise<void>): Promise<void> {
  const config = cliConfig();
  const client = await cliClient(config);
  try {
    await action(client, scheduleScope(config));
  } catch (err) {
    if (err instanceof ScheduleNotFoundError)
      throw new CliError(`no schedule ${err.scheduleId}; see \`bpo schedules list\``, ExitCode.invalidInput);
    throw err;
  } finally {
    await client.connection.close();
  }
}

const isoDateTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO date-time, e.g. 2026-11-01T00:00:00Z' })
  .or(z.iso.date({ message: 'must be a date YYYY-MM-DD or an ISO date-time' }));

function parseWhen(name: string, value: string): Date {
  const parsed = isoDateTime.safeParse(value);
  if (!parsed.success) throw new CliError(`--${name}: ${parsed.error.issues[0]?.message}`, ExitCode.invalidInput);
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
}

/** `bpo schedules …`: the schedules defined in code, applied and operated from the command line. */
export function registerSchedules(program: Command): void {
  const schedules = program
    .command('schedules')
    .description('nightly and periodic runs, defined in client/schedules.ts');

  schedules
    .command('apply')
    .description('create or update the schedules defined in code (idempotent)')
    .option('--prune', "also delete this environment's schedules that are no longer defined", false)
    .action(async (options: { prune: boolean }) => {
      const definitions = await loadScheduleDefinitions(cliConfig());
      await withClient(async (client, scope) => {
        for (const o of await applySchedules(client, definitions, { prune: options.prune, scope }))
          console.log(`${o.change.padEnd(9)} ${o.scheduleId}`);
      });
    });

  schedules
    .command('list')
    .description('schedules of this environment, with their state and next run')
    .action(() =>
      withClient(async (client, scope) => {
        for await (const s of client.schedule.list()) {
          if (!s.scheduleId.startsWith(scope)) continue;
          const next = s.info.nextActionTimes[0]?.toISOString() ?? '-';
          console.log(
            `${s.scheduleId}  ${s.state.paused ? 'paused ' : 'active '}  next ${next}  ${s.state.note ?? ''}`,
          );
        }
      }),
    );

  schedules
    .command('describe')
    .argument('<id>')
    .description('spec, policies, state and recent runs of a schedule')
    .action((id: string) =>
      withClient(async (client) => {
        const d = await client.schedule.getHandle(id).describe();
        console.log(
          JSON.stringify(
            {
              scheduleId: d.scheduleId,
              paused: d.state.paused,
              note: d.state.note,
              spec: d.spec,
              policies: d.policies,
              action:
                d.action.type === 'startWorkflow'
                  ? { workflowType: d.action.workflowType, args: d.action.args, taskQueue: d.action.taskQueue }
                  : d.action,
              nextRuns: d.info.nextActionTimes.slice(0, 5),
              recentRuns: d.info.recentActions.map((a) => ({
                scheduledAt: a.scheduledAt,
                workflowId: a.action.workflow.workflowId,
              })),
              runningWorkflows: d.info.runningActions.map((a) => a.workflow.workflowId),
            },
            null,
            2,
          ),
        );
      }),
    );

  schedules
    .command('pause')
    .argument('<id>')
    .option('--note <text>', 'why it is paused', 'paused with bpo')
    .action((id: string, options: { note: string }) =>
      withClient(async (client) => {
        await client.schedule.getHandle(id).pause(options.note);
        console.log(`paused ${id}`);
      }),
    );

  schedules
    .command('unpause')
    .argument('<id>')
    .option('--note <text>', 'why it runs again', 'unpaused with bpo')
    .action((id: string, options: { note: string }) =>
      withClient(async (client) => {
        await client.schedule.getHandle(id).unpause(options.note);
        console.log(`unpaused ${id}`);
      }),
    );

  schedules
    .command('trigger')
    .argument('<id>')
    .description('run the scheduled action now (skipped if a run is still going)')
    .action((id: string) =>
      withClient(async (client) => {
        await client.schedule.getHandle(id).trigger(ScheduleOverlapPolicy.SKIP);
        console.log(`triggered ${id}`);
      }),
    );

  schedules
    .command('backfill')
    .argument('<id>')
    .requiredOption('--from <when>', 'start of the period, e.g. 2026-11-01')
    .requiredOption('--to <when>', 'end of the period, e.g. 2026-11-05')
    .description('run the action for every time the schedule would have run in the period (missed nights)')
    .action((id: string, options: { from: string; to: string }) => {
      const start = parseWhen('from', options.from);
      const end = parseWhen('to', options.to);
      if (end <= start) throw new CliError('--to must be after --from', ExitCode.invalidInput);
      return withClient(async (client) => {
        await client.schedule.getHandle(id).backfill({ start, end, overlap: ScheduleOverlapPolicy.BUFFER_ALL });
        console.log(`backfill of ${id} from ${start.toISOString()} to ${end.toISOString()} requested`);
      });
    });

  schedules
    .command('delete')
    .argument('<id>')
    .action((id: string) =>
      withClient(async (client) => {
        await client.schedule.getHandle(id).delete();
        console.log(`deleted ${id}`);
      }),
    );
}
