import type { Command } from 'commander';
import { piiVaultFromConfig } from '../../activities/engine/pii';
import { taskQueue } from '../../platform/config';
import { readTicketFile } from './read-ticket-file';
import { submitTicket, ticketResult } from './submit-ticket';
import { CliError, cliClient, cliConfig, ExitCode } from '../cli/context';

interface Options {
  wait: boolean;
  json: boolean;
}

/**
 * `bpo ticket submit <file>`: validate tickets (.json or .eml), start triage for the valid ones. Without
 * --wait it returns once started, since a ticket routed to review waits for a person.
 */
export function registerTicketSubmit(ticket: Command): void {
  ticket
    .command('submit')
    .description('validate support tickets from a JSON or .eml file and start their triage')
    .argument('<file>', '.eml email, or JSON with one ticket, an array, or { "tickets": [...] }')
    .option('--wait', 'wait for each ticket to be filed (a review waits for an agent)', false)
    .option('--json', 'print one JSON object per ticket instead of text', false)
    .action(async (file: string, options: Options) => {
      const config = cliConfig();
      const parsed = await readTicketFile(file).catch((err: Error) => {
        throw new CliError(err.message, ExitCode.invalidInput);
      });
      const print = (record: Record<string, unknown>, text: string) =>
        console.log(options.json ? JSON.stringify(record) : text);
      const counts = { invalid: 0, duplicate: 0, failed: 0 };

      for (const item of parsed) {
        if (item.ok) continue;
        counts.invalid += 1;
        print(
          { item: item.index + 1, outcome: 'invalid', errors: item.errors },
          `✖ ${item.label} is invalid, not started:\n${item.errors.map((e) => `    ${e.path || '(ticket)'}: ${e.message}`).join('\n')}`,
        );
      }
      const valid = parsed.filter((p) => p.ok);
      if (valid.length > 0) {
        const client = await cliClient(config);
        const queues = {
          main: taskQueue(config, 'main'),
          llm: taskQueue(config, 'llm'),
          vault: piiVaultFromConfig(config),
        };
        for (const item of valid) {
          const submitted = await submitTicket(client, queues, item.ticket, {
            reviewConfidence: config.TICKET_REVIEW_CONFIDENCE,
          });
          if (submitted.outcome === 'duplicate') {
            counts.duplicate += 1;
            print(
              { item: item.index + 1, ...submitted },
              `↺ ${submitted.workflowId} was submitted before (${submitted.status.toLowerCase()}); not processed again`,
            );
            continue;
          }
          if (!options.wait) {
            print({ item: item.index + 1, ...submitted }, `▶ ${submitted.workflowId} started (run ${submitted.runId})`);
            continue;
          }
          try {
            const result = await ticketResult(client, submitted.workflowId);
            print(
              { item: item.index + 1, outcome: 'filed', workflowId: submitted.workflowId, result },
              `✔ ${result.businessKey} filed (${result.route}${result.reasons.length ? `: ${result.reasons.join(', ')}` : ''}) ${result.triage?.category ?? ''}/${result.triage?.priority ?? ''}, ${result.usage.promptTokens + result.usage.completionTokens} tokens`,
            );
          } catch (err) {
            counts.failed += 1;
            print(
              {
                item: item.index + 1,
                outcome: 'failed',
                workflowId: submitted.workflowId,
                error: (err as Error).message,
              },
              `✖ ${submitted.workflowId} failed: ${(err as Error).message}`,
            );
          }
        }
        await client.connection.close();
      }
      if (!options.json) {
        console.log(
          `${parsed.length} ticket(s): ${parsed.length - counts.invalid - counts.duplicate - counts.failed} accepted, ${counts.invalid} invalid, ${counts.duplicate} duplicate, ${counts.failed} failed`,
        );
      }
      process.exitCode =
        counts.failed > 0
          ? ExitCode.failed
          : counts.invalid > 0
            ? ExitCode.invalidInput
            : counts.duplicate > 0
              ? ExitCode.duplicate
              : ExitCode.ok;
    });
}
