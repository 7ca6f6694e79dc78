import type { Command } from 'commander';
import { temporal } from '@temporalio/proto';
import { taskQueue, temporalAddress } from '../../../platform/config';
import { CliError, cliClient, cliConfig } from '../context';

const queueNames = ['main', 'bots', 'llm'] as const;

/**
 * `bpo health [--queue main]`: Temporal answers and, for each named queue, a worker has polled it in the
 * last minute. Used as the container health check of each worker.
 */
export function registerHealth(program: Command): void {
  program
    .command('health')
    .description('check that Temporal answers and that workers poll the given task queues')
    .option('--queue <name...>', `task queues that must have a live worker (${queueNames.join(', ')})`, [])
    .action(async (options: { queue: string[] }) => {
      const config = cliConfig();
      const unknown = options.queue.filter((q) => !(queueNames as readonly string[]).includes(q));
      if (unknown.length > 0)
        throw new CliError(`unknown queue(s): ${unknown.join(', ')}; known: ${queueNames.join(', ')}`, 2);
      const client = await cliClient(config);
      try {
        for (const name of options.queue as (typeof queueNames)[number][]) {
          const queue = taskQueue(config, name);
          const described = await client.workflowService.describeTaskQueue({
            namespace: config.TEMPORAL_NAMESPACE,
            taskQueue: { name: queue },
            taskQueueType:
              name === 'bots' || name === 'llm'
                ? temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY
                : temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
          });
          const cutoff = Date.now() - 60_000;
          const live = (described.pollers ?? []).filter((p) => Number(p.lastAccessTime?.seconds ?? 0) * 1000 >= cutoff);
          if (live.length === 0) throw new CliError(`no worker has polled task queue ${queue} in the last minute`);
          console.log(`${queue}: ${live.length} live poller(s)`);
        }
        console.log(`temporal ${temporalAddress(config)}: ok`);
      } finally {
        await client.connection.close();
      }
    });
}
