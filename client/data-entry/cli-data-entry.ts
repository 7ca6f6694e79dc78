import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { taskQueue } from '../../platform/config';
import { batchProgress } from './batch-progress';
import { exceptionTaskSettings } from './exception-task-settings';
import { readRecordFile, type RecordFile } from './read-records';
import { startDataEntry } from './start-data-entry';
import { CliError, cliClient, cliConfig, ExitCode } from '../cli/context';
import { evidenceLinks, printReport, printWaitingTasks } from './data-entry-report';

const optionsSchema = z.object({
  parallelism: z.coerce.number().int().min(1, 'must be at least 1').max(64, 'must be at most 64'),
  chunkSize: z.coerce.number().int().min(1, 'must be at least 1').max(1000, 'must be at most 1000'),
  batchId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 characters of A-Z, a-z, 0-9, . _ -')
    .optional(),
  wait: z.boolean(),
  json: z.boolean(),
});

/** What one run's input may carry: well under Temporal's payload limit, as the drop folder's parts are. */
const MAX_START_INPUT_BYTES = 1024 * 1024;

/**
 * The records travel in the batch's start input, so a file too big for one payload would be refused by Temporal
 * with an obscure error: say so before anything starts, and point at the drop folder, which reads files in parts.
 */
function refuseOversizedInput(file: string, records: RecordFile, dataDir: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(records));
  if (bytes <= MAX_START_INPUT_BYTES) return;
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  throw new CliError(
    `${file}: its ${records.valid.length + records.invalid.length} records are ${mib(bytes)}, more than one run may ` +
      `carry (${mib(MAX_START_INPUT_BYTES)}); ` +
      `move the file into the data-entry drop folder (${dataDir}/drop/data-entry), which reads it in parts`,
    ExitCode.invalidInput,
  );
}

/** `bpo data-entry <file>`: validate vendor records, have bots enter the valid ones, report every outcome. */
export function registerDataEntry(program: Command): void {
  program
    .command('data-entry')
    .description('onboard vendors from a CSV or JSON file into the portal, by bots')
    .argument('<file>', '.csv with a header row (name, vatId, iban, email, address) or .json array')
    .option('--parallelism <n>', 'records entered at once per chunk', '4')
    .option('--chunk-size <n>', 'records per child workflow', '50')
    .option('--batch-id <id>', 'business key of the batch (default: hash of the file content)')
    .option('--no-wait', 'return once started instead of waiting for the report')
    .option('--json', 'print the report as JSON', false)
    .action(async (file: string, raw: Record<string, unknown>) => {
      const parsedOptions = optionsSchema.safeParse(raw);
      if (!parsedOptions.success) {
        throw new CliError(
          parsedOptions.error.issues
            .map((i) => `--${String(i.path[0]).replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}: ${i.message}`)
            .join('\n'),
          ExitCode.invalidInput,
        );
      }
      const options = parsedOptions.data;
      const config = cliConfig();
      const records = await readRecordFile(file).catch((err: Error) => {
        throw new CliError(err.message, ExitCode.invalidInput);
      });
      refuseOversizedInput(file, records, config.DATA_DIR);
      const client = await cliClient(config);
      try {
        const batch = await startDataEntry(client, records, {
          mainTaskQueue: taskQueue(config, 'main'),
          botsTaskQueue: taskQueue(config, 'bots'),
          batchId: options.batchId,
          parallelism: options.parallelism,
          chunkSize: options.chunkSize,
          exceptionTasks: exceptionTaskSettings(config),
        });
        if (!options.json) {
          console.log(
            batch.started
              ? `▶ ${batch.workflowId} started: ${records.valid.length} record(s) to enter, ${records.invalid.length} invalid`
              : `↺ ${batch.workflowId} was started before: showing that batch`,
          );
        }
        if (!options.wait) {
          if (options.json) console.log(JSON.stringify({ workflowId: batch.workflowId, started: batch.started }));
          return;
        }
        const bar = options.json
          ? undefined
          : new SingleBar(
              {
                format:
                  '  {bar} {value}/{total} records | entered {entered} · present {present} · rejected {rejected} · failed {failed}',
              },
              Presets.shades_classic,
            );
        bar?.start(records.valid.length, 0, { entered: 0, present: 0, rejected: 0, failed: 0 });
        let barRunning = Boolean(bar);
        const shown = new Set<string>();
        let finished = false;
        const result = batch.handle.result().finally(() => (finished = true));
        // Poll the progress query while the batch runs; Temporal keeps the real state.
        while (!finished && !options.json) {
          const progress = await batchProgress(client, batch.workflowId).catch(() => undefined);
          if (progress && barRunning)
            bar?.update(progress.done, {
              entered: progress.entered,
              present: progress.alreadyPresent,
              rejected: progress.rejected,
              failed: progress.failed,
            });
          // Once the bots are done, the rows they could not enter wait for people: say which tasks and where.
          if (progress?.status === 'waiting-for-people') {
            if (barRunning) {
              bar?.stop();
              barRunning = false;
              console.log(
                `\nThe bots are done; ${progress.waitingForPeople ?? 0} rejected row(s) wait for people in the inbox (\`bpo tasks list\`). Ctrl-C leaves the batch running; the same command shows it again.`,
              );
            }
            const fresh = progress.waitingTasks.filter((t) => !shown.has(t.taskId));
            fresh.forEach((t) => shown.add(t.taskId));
            printWaitingTasks(fresh);
          }
          await Promise.race([
            result.catch(() => undefined),
            new Promise((r) => setTimeout(r, barRunning ? 500 : 2_000)),
          ]);
        }
        const report = await result.catch((err: Error) => {
          if (barRunning) bar?.stop();
          throw new CliError(`${batch.workflowId} failed: ${err.message}`);
        });
        if (barRunning) {
          bar?.update(report.outcomes.length);
          bar?.stop();
        }
        if (options.json) console.log(JSON.stringify(report));
        else printReport(report, evidenceLinks(config));
        process.exitCode =
          report.needsReview.length > 0
            ? ExitCode.failed
            : report.invalid.length > 0
              ? ExitCode.invalidInput
              : ExitCode.ok;
      } finally {
        await client.connection.close();
      }
    });
}
