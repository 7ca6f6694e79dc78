import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { z } from 'zod';
import { taskQueue } from '../../platform/config';
import {
  payrollCheck,
  payrollCheckProgressQuery,
  type PayrollCheckResult,
} from '../../workflows/payroll/payroll-check';
import { CliError, cliClient, cliConfig, ExitCode } from '../cli/context';

const optionsSchema = z.object({
  runId: z.string().regex(/^PR-\d{4}-\d{2}$/, 'must look like PR-2026-11'),
  chunkSize: z.coerce.number().int().min(50, 'must be at least 50').max(5000, 'must be at most 5000'),
});

function printResult(result: PayrollCheckResult): void {
  if (result.outcome === 'nothing-to-check') {
    console.log(`\npayroll ${result.runId}: nothing to check (${result.reason})`);
    return;
  }
  console.log(
    `\npayroll ${result.runId}: ${result.employeesChecked} line(s) checked, ${result.findings} finding(s), outcome ${result.outcome}`,
  );
  if (result.approvalRefused) console.log(`  the portal refused the approval: ${result.approvalRefused}`);
  for (const h of result.held) console.log(`  held ${h.employeeId}: ${h.kinds.join(', ')}`);
  console.log(`  report: ${result.report.html}\n          ${result.report.json}\n          ${result.report.csv}`);
}

/** `bpo payroll check <runId>`: start the check (or attach to the running one) and follow its progress. */
export function registerPayrollCheck(program: Command): void {
  program
    .command('payroll')
    .description('payroll runs')
    .command('check')
    .argument('<runId>', 'payroll run, e.g. PR-2026-11')
    .option('--chunk-size <n>', 'employees per child workflow', '1000')
    .option('--no-wait', 'return once started')
    .action(async (runId: string, raw: { chunkSize: string; wait: boolean }) => {
      const parsed = optionsSchema.safeParse({ runId, chunkSize: raw.chunkSize });
      if (!parsed.success)
        throw new CliError(
          parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('\n'),
          ExitCode.invalidInput,
        );
      const config = cliConfig();
      const client = await cliClient(config);
      const workflowId = `payroll-check:${parsed.data.runId}`;
      try {
        try {
          await client.workflow.start(payrollCheck, {
            taskQueue: taskQueue(config, 'main'),
            workflowId,
            args: [{ runId: parsed.data.runId, chunkSize: parsed.data.chunkSize }],
            // A finished check may be run again (the payroll changed); a running one is joined, not doubled.
            workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
          });
          console.log(`▶ ${workflowId} started`);
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          console.log(`↺ ${workflowId} is already running; following it`);
        }
        if (!raw.wait) return;
        const handle = client.workflow.getHandle<typeof payrollCheck>(workflowId);
        const bar = new SingleBar(
          {
            format: '{phase} |{bar}| {value}/{total} chunks, {findings} finding(s), {reviews} review(s) open',
            hideCursor: true,
          },
          Presets.shades_classic,
        );
        bar.start(1, 0, { phase: 'fetching', findings: 0, reviews: 0 });
        const timer = setInterval(() => {
          handle
            .query(payrollCheckProgressQuery)
            .then((p) => {
              bar.setTotal(Math.max(1, p.chunksTotal));
              bar.update(p.chunksDone, { phase: p.phase.padEnd(9), findings: p.findings, reviews: p.reviewsOpen });
            })
            .catch(() => undefined);
        }, 500);
        try {
          const result = await handle.result();
          bar.stop();
          printResult(result);
          process.exitCode = result.outcome === 'approved' ? ExitCode.ok : ExitCode.failed;
        } finally {
          clearInterval(timer);
          bar.stop();
        }
      } finally {
        await client.connection.close();
      }
    });
}
