import type { Command } from 'commander';
import { taskQueue } from '../../platform/config';
import { invoicePolicyFromConfig } from './invoice-policy-config';
import { readInvoiceFile } from './read-invoice-file';
import { invoiceProcessingResult, startInvoiceBatch } from './start-invoice-processing';
import { CliError, cliClient, cliConfig, ExitCode } from '../cli/context';

interface Options {
  wait: boolean;
  json: boolean;
}

/** `bpo invoice submit <file>`: validate every invoice, start processing of the valid ones, report each outcome. */
export function registerInvoiceSubmit(invoice: Command): void {
  invoice
    .command('submit')
    .description('validate invoices from a JSON, CSV or UBL 2.1 XML file and start their processing')
    .argument(
      '<file>',
      '.json (one invoice, an array, or { "invoices": [...] }), .csv (one invoice per row group) or .xml (UBL 2.1)',
    )
    // An invoice waits for approvals and for its due date: following it to the end is a choice, not the default.
    .option('--wait', 'wait for each final result (paid, rejected, reversed), which may take until the due date', false)
    .option('--no-wait', 'return once started (the default)')
    .option('--json', 'print one JSON object per invoice instead of text', false)
    .action(async (file: string, options: Options) => {
      const config = cliConfig();
      // The OS user is not authenticated: the CLI submits as its configured service identity (CLI_IDENTITY).
      const parsed = await readInvoiceFile(file, { submittedBy: config.CLI_IDENTITY }).catch((err: Error) => {
        throw new CliError(err.message, ExitCode.invalidInput);
      });
      const print = (record: Record<string, unknown>, text: string) =>
        console.log(options.json ? JSON.stringify(record) : text);

      let invalid = 0;
      let duplicates = 0;
      let failed = 0;
      let notPaid = 0;
      const hasValid = parsed.some((p) => p.ok);
      const client = hasValid ? await cliClient(config) : undefined;
      const target = {
        taskQueue: taskQueue(config, 'main'),
        botsTaskQueue: taskQueue(config, 'bots'),
        policy: invoicePolicyFromConfig(config),
      };
      const outcomes = client
        ? await startInvoiceBatch(client, target, parsed, 'cli')
        : parsed.map((p) => ({
            item: p.index + 1,
            label: p.label,
            outcome: 'invalid' as const,
            errors: p.ok ? [] : p.errors,
          }));
      for (const item of outcomes) {
        if (item.outcome === 'invalid') {
          invalid += 1;
          print(
            item,
            `✖ ${item.label} is invalid, not started:\n${item.errors.map((e) => `    ${e.path || '(invoice)'}: ${e.message}`).join('\n')}`,
          );
        } else if (item.outcome === 'duplicate') {
          duplicates += 1;
          print(item, `↺ ${item.workflowId} was submitted before (${item.status.toLowerCase()}); not processed again`);
        } else if (!options.wait || !client) {
          print(
            item,
            `▶ ${item.workflowId} started (run ${item.runId}); approvals appear in the web inbox, status in the Temporal UI`,
          );
        } else {
          try {
            const result = await invoiceProcessingResult(client, item.workflowId);
            if (result.status !== 'paid') notPaid += 1;
            const detail =
              result.status === 'paid'
                ? `posted as ${result.documentNumber}, ${result.payment?.amount.toFixed(2)} ${result.currency} paid on ${result.payment?.payOn}`
                : (result.reason ?? '');
            print(
              { ...item, outcome: 'completed', result },
              `${result.status === 'paid' ? '✔' : '✖'} ${item.workflowId} ${result.status}: ${detail}`,
            );
          } catch (err) {
            failed += 1;
            print(
              { ...item, outcome: 'failed', error: (err as Error).message },
              `✖ ${item.workflowId} failed: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`,
            );
          }
        }
      }
      await client?.connection.close();
      if (!options.json)
        console.log(
          `${parsed.length} invoice(s): ${parsed.length - invalid - duplicates - failed} accepted, ${invalid} invalid, ${duplicates} duplicate, ${failed} failed${notPaid ? `, ${notPaid} not paid` : ''}`,
        );
      process.exitCode =
        failed > 0
          ? ExitCode.failed
          : invalid > 0
            ? ExitCode.invalidInput
            : duplicates > 0
              ? ExitCode.duplicate
              : ExitCode.ok;
    });
}
