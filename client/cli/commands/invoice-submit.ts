import type { Command } from 'commander';
import { taskQueue } from '../../../platform/config';
import { readInvoiceFile } from '../../invoices/read-invoice-file';
import { invoiceResult, submitInvoice } from '../../invoices/submit-invoice';
import { CliError, cliClient, cliConfig, ExitCode } from '../context';

interface Options {
  wait: boolean;
  json: boolean;
}

/** `bpo invoice submit <file>`: validate every invoice, start the valid ones, report each outcome. */
export function registerInvoiceSubmit(invoice: Command): void {
  invoice
    .command('submit')
    .description('validate invoices from a JSON file and start their processing')
    .argument('<file>', 'JSON file with one invoice, an array, or { "invoices": [...] }')
    .option('--no-wait', 'return once started instead of waiting for each result')
    .option('--json', 'print one JSON object per invoice instead of text', false)
    .action(async (file: string, options: Options) => {
      const config = cliConfig();
      const parsed = await readInvoiceFile(file).catch((err: Error) => {
        throw new CliError(err.message, ExitCode.invalidInput);
      });
      const print = (record: Record<string, unknown>, text: string) => console.log(options.json ? JSON.stringify(record) : text);

      let invalid = 0;
      let duplicates = 0;
      let failed = 0;
      for (const item of parsed) {
        if (!item.ok) {
          invalid += 1;
          print(
            { item: item.index + 1, outcome: 'invalid', errors: item.errors },
            `✖ ${item.label} is invalid, not started:\n${item.errors.map((e) => `    ${e.path || '(invoice)'}: ${e.message}`).join('\n')}`,
          );
        }
      }
      const valid = parsed.filter((p) => p.ok);
      if (valid.length > 0) {
        const client = await cliClient(config);
        const queue = taskQueue(config, 'main');
        for (const item of valid) {
          const submitted = await submitInvoice(client, queue, item.invoice);
          if (submitted.outcome === 'duplicate') {
            duplicates += 1;
            print(
              { item: item.index + 1, outcome: 'duplicate', workflowId: submitted.workflowId, status: submitted.status },
              `↺ ${submitted.workflowId} was submitted before (${submitted.status.toLowerCase()}); not processed again`,
            );
            continue;
          }
          if (!options.wait) {
            print({ item: item.index + 1, ...submitted }, `▶ ${submitted.workflowId} started (run ${submitted.runId})`);
            continue;
          }
          try {
            const result = await invoiceResult(client, submitted.workflowId);
            print(
              { item: item.index + 1, outcome: 'completed', workflowId: submitted.workflowId, result },
              `✔ ${result.businessKey} ${result.status} as ${result.ledgerEntryId} (${result.total.toFixed(2)} ${result.currency}, due ${result.dueDate})`,
            );
          } catch (err) {
            failed += 1;
            print(
              { item: item.index + 1, outcome: 'failed', workflowId: submitted.workflowId, error: (err as Error).message },
              `✖ ${submitted.workflowId} failed: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`,
            );
          }
        }
        await client.connection.close();
      }
      if (!options.json) console.log(`${parsed.length} invoice(s): ${parsed.length - invalid - duplicates - failed} accepted, ${invalid} invalid, ${duplicates} duplicate, ${failed} failed`);
      process.exitCode = failed > 0 ? ExitCode.failed : invalid > 0 ? ExitCode.invalidInput : duplicates > 0 ? ExitCode.duplicate : ExitCode.ok;
    });
}
