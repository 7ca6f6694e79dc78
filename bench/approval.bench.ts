/**
 * Approval round trip: from the moment the decision is accepted by the task until the parent's next activity
 * starts. The engine's way (a human-task child completed by an Update; the parent is woken by the child's
 * completion) against signal-then-poll (the decision is a Signal; the process polls the task on a 1 s timer).
 * Decisions arrive at spread-out moments, as people's do, so the poll phase is not always the same.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowUpdateStage } from '@temporalio/client';
import { createTaskStoreActivities } from '../activities/engine/tasks';
import { openPglite } from '../platform/database/sql-client';
import { createSqlTaskStore } from '../platform/task-store/sql-task-store';
import { completeTaskUpdate } from '../workflows/engine/human-task/messages';
import { taskWorkflowId } from '../workflows/engine/human-task/request';
import { signedArgs } from '../test/helpers/signed-task-updates';
import type { Benchmark } from './run';
import { startBenchTemporal } from './helpers/bench-temporal';
import { startBenchWorker } from './helpers/bench-worker';
import { ms, percentile, ratio } from './helpers/stats';
import { decideSignal } from './workflows/approval-round-trip';

const RUNS = 40;
const WARMUP = 3;
const POLL_MS = 1000;
const QUEUE = 'bench-approval';
const approver = { username: 'bench-approver', roles: ['approver'] };

const pause = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));

/** Resolves when `check` returns true, checking every few milliseconds. */
async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a benchmark condition');
    await pause(5);
  }
}

const benchmark: Benchmark = {
  name: 'approval',
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'bpo-bench-approval-'));
    const temporal = await startBenchTemporal();
    const db = await openPglite(join(dir, 'tasks'));
    const store = await createSqlTaskStore(db);
    // The parent's next activity reports its start here; the benchmark waits on it.
    const started = new Map<string, (at: number) => void>();
    const nextStep = (parentId: string) => new Promise<number>((done) => started.set(parentId, done));
    const worker = await startBenchWorker(temporal, QUEUE, {
      ...createTaskStoreActivities({ store }),
      async notify() {
        return { delivered: 'log' };
      },
      async nextStepStarted(parentId: string) {
        started.get(parentId)?.(performance.now());
      },
      async isTaskDecided(taskId: string) {
        const description = await temporal.client.workflow.getHandle(taskId).describe();
        return description.status.name === 'COMPLETED';
      },
    });
    try {
      const viaUpdate = async (i: number): Promise<number> => {
        const parentId = `bench-update-${i}`;
        const stepped = nextStep(parentId);
        await temporal.client.workflow.start('benchUpdateApproval', {
          taskQueue: QUEUE,
          workflowId: parentId,
          args: [],
        });
        const taskId = taskWorkflowId(parentId, 'approval');
        await until(async () => (await store.getTask(taskId)) !== undefined);
        await pause((Math.abs(i) * 137) % POLL_MS);
        const update = await temporal.client.workflow.getHandle(taskId).startUpdate(completeTaskUpdate, {
          args: signedArgs(taskId, completeTaskUpdate, { actor: approver, data: { decision: 'approve' } }),
          waitForStage: WorkflowUpdateStage.ACCEPTED,
        });
        const acceptedAt = performance.now();
        const at = await stepped;
        await update.result();
        return at - acceptedAt;
      };
      const viaSignalPoll = async (i: number): Promise<number> => {
        const parentId = `bench-signal-${i}`;
        const stepped = nextStep(parentId);
        await temporal.client.workflow.start('benchSignalPollApproval', {
          taskQueue: QUEUE,
          workflowId: parentId,
          args: [POLL_MS],
        });
        const taskId = `${parentId}:task:approval`;
        await until(async () => {
          try {
            return (await temporal.client.workflow.getHandle(taskId).describe()).status.name === 'RUNNING';
          } catch {
            return false;
          }
        });
        await pause((Math.abs(i) * 137) % POLL_MS);
        await temporal.client.workflow.getHandle(taskId).signal(decideSignal, { decision: 'approve' });
        const acceptedAt = performance.now();
        return (await stepped) - acceptedAt;
      };

      for (let w = 1; w <= WARMUP; w++) {
        await viaUpdate(-w);
        await viaSignalPoll(-w);
      }
      const update: number[] = [];
      const signalPoll: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        update.push(await viaUpdate(i));
        signalPoll.push(await viaSignalPoll(i));
      }
      const [u50, u95, s50, s95] = [
        percentile(update, 50),
        percentile(update, 95),
        percentile(signalPoll, 50),
        percentile(signalPoll, 95),
      ];
      return [
        {
          figure: "approval round trip p50 / p95, Update (accepted → parent's next activity started)",
          value: `${ms(u50)} / ${ms(u95)}`,
          target: 'report',
        },
        {
          figure: `approval round trip p50 / p95, signal-then-poll (process polls the task every ${POLL_MS / 1000} s)`,
          value: `${ms(s50)} / ${ms(s95)}`,
          target: 'report',
        },
        {
          figure: 'approval round trip ratio p50 (Update ÷ signal-then-poll)',
          value: ratio(u50 / s50),
          target: '≤ 0.5',
        },
        {
          figure: 'approval round trip ratio p95 (Update ÷ signal-then-poll)',
          value: ratio(u95 / s95),
          target: '≤ 0.5',
        },
      ];
    } finally {
      await worker.stop();
      await store.close();
      await temporal.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
