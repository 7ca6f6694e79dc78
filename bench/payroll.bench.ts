/**
 * The 10,000-employee payroll check end to end: the real portal's CSV exports, chunked child workflows, three
 * review tasks completed as soon as they appear, report written. Prints wall time, employees per second, the
 * longest history of any workflow in the run, and the peak RSS of this process (worker, portal and task store
 * share it, so the worker alone uses less).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { loadConfig } from '../platform/config';
import { dataConverter } from '../platform/data-converter';
import { openTaskStore } from '../platform/task-store/open-task-store';
import { startPortal } from '../demo/portal/server';
import { generatePayroll } from '../test/fixtures/payroll-generator';
import { loadPayroll } from '../test/fixtures/portal-admin';
import { completeTaskUpdate } from '../workflows/engine/human-task/messages';
import { taskWorkflowId } from '../workflows/engine/human-task/request';
import { payrollCheck } from '../workflows/payroll/payroll-check';
import { mainActivities } from '../workers/main-worker';
import { workflowEntryPath } from '../workers/workflow-entry';
import { startBenchTemporal } from './helpers/bench-temporal';
import type { Benchmark } from './run';
import { actOnTask } from '../test/helpers/signed-task-updates';

const EMPLOYEES = 10_000;

const benchmark: Benchmark = {
  name: 'payroll',
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'bpo-bench-payroll-'));
    const temporal = await startBenchTemporal();
    const portal = await startPortal({ port: 0, dataDir: join(dir, 'portal'), seed: 'empty' });
    const config = loadConfig({
      DATA_DIR: dir,
      PORTAL_URL: portal.url,
      PORTAL_USER: 'clerk',
      PORTAL_PASSWORD: 'clerk-pass',
    });
    const taskStore = await openTaskStore(config);
    try {
      const payroll = generatePayroll(EMPLOYEES, 3);
      await loadPayroll(portal, [
        { header: payroll.previousHeader, records: payroll.previous },
        { header: payroll.header, records: payroll.current },
      ]);
      const worker = await Worker.create({
        connection: temporal.nativeConnection,
        namespace: temporal.namespace,
        taskQueue: 'bench-payroll',
        workflowsPath: workflowEntryPath(),
        dataConverter: dataConverter(config),
        activities: mainActivities(config, { taskStore }),
      });
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
      const workflowId = `bench-payroll-${Date.now()}`;
      const started = performance.now();
      const result = await worker.runUntil(async () => {
        const handle = await temporal.client.workflow.start(payrollCheck, {
          taskQueue: 'bench-payroll',
          workflowId,
          args: [{ runId: payroll.header.runId, approveWhenClean: false }],
        });
        // Reviewers answer as soon as their task exists: the figure is the engine's time, not a person's.
        await Promise.all(
          ['payroll', 'hr', 'payroll-security'].map(async (group) => {
            const task = temporal.client.workflow.getHandle(taskWorkflowId(workflowId, `review-${group}`));
            for (;;) {
              try {
                await actOnTask(task, completeTaskUpdate, {
                  actor: { username: `bench-${group}`, roles: [group] },
                  data: { decision: 'approve-all' },
                });
                return;
              } catch {
                await new Promise((r) => setTimeout(r, 50));
              }
            }
          }),
        );
        return handle.result();
      });
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);

      let maxEvents = 0;
      let longest = '';
      for await (const execution of temporal.client.workflow.list({
        query: `WorkflowId STARTS_WITH '${workflowId}'`,
      })) {
        const events =
          (await temporal.client.workflow.getHandle(execution.workflowId).fetchHistory()).events?.length ?? 0;
        if (events > maxEvents)
          [maxEvents, longest] = [events, execution.workflowId.slice(workflowId.length) || '(parent)'];
      }
      if (result.findings !== payroll.expected.size)
        throw new Error(`found ${result.findings} findings, planted ${payroll.expected.size}`);
      return [
        {
          figure: `payroll check of ${EMPLOYEES} employees, wall time (3 reviews answered at once)`,
          value: `${seconds.toFixed(1)} s`,
          target: 'report',
        },
        {
          figure: 'payroll check, employees per second',
          value: `${Math.round(EMPLOYEES / seconds)}`,
          target: 'report',
        },
        {
          figure: `payroll check, max history events of any workflow (${longest})`,
          value: `${maxEvents}`,
          target: '≪ 50,000',
        },
        {
          figure: 'payroll check, peak RSS of worker + portal + task store process',
          value: `${Math.round(peakRss / 1024 / 1024)} MiB`,
          target: 'report',
        },
      ];
    } finally {
      await taskStore.close();
      await portal.close();
      await temporal.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
