/**
 * A new task visible in the inbox after its workflow starts: the demo purchase request is started through the
 * Temporal client, and the clock stops when the approver's queue (GET /api/tasks, polled every 10 ms) lists its
 * approval task, and, separately, when the live stream (/api/events) pushes it. Real worker, API and PGlite store.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer } from '../client/api/server';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { openTaskStore } from '../platform/task-store/open-task-store';
import { mainActivities } from '../workers/main-worker';
import type { TaskState } from '../schemas/engine/human-task';
import type { Benchmark } from './run';
import { startBenchTemporal } from './helpers/bench-temporal';
import { startBenchWorker } from './helpers/bench-worker';
import { subscribeTaskEvents } from './helpers/sse-tasks';
import { ms, percentile } from './helpers/stats';

const RUNS = 40;
const WARMUP = 3;
const QUEUE = 'bench-task-visible';

const benchmark: Benchmark = {
  name: 'task-visible',
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'bpo-bench-visible-'));
    const temporal = await startBenchTemporal();
    const config = loadConfig({
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      TEMPORAL_NAMESPACE: temporal.namespace,
    });
    const store = await openTaskStore(config);
    // The store write is timed too, to tell the workflow path (start → child → activity) from the API's part.
    const written = new Map<string, (at: number) => void>();
    const activities = mainActivities(config, { taskStore: store });
    const worker = await startBenchWorker(temporal, QUEUE, {
      ...activities,
      async upsertTaskRecord(task: TaskState) {
        const result = await activities.upsertTaskRecord(task);
        written.get(task.processWorkflowId)?.(performance.now());
        return result;
      },
    });
    const api = await startApiServer({
      config,
      client: temporal.client,
      store,
      logger: createLogger(config, 'bench'),
      port: 0,
      taskQueue: QUEUE,
    });
    const login = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'approver', password: 'approver-pass' }),
    });
    const { token } = (await login.json()) as { token: string };
    const pushed = new Map<string, (at: number) => void>();
    const unsubscribe = await subscribeTaskEvents(api.url, token, (task, at) =>
      pushed.get(task.processWorkflowId)?.(at),
    );
    try {
      const once = async (i: number) => {
        const workflowId = `bench-visible-${i}`;
        const arrived = new Promise<number>((done) => pushed.set(workflowId, done));
        const stored = new Promise<number>((done) => written.set(workflowId, done));
        const startedAt = performance.now();
        await temporal.client.workflow.start('purchaseRequest', {
          taskQueue: QUEUE,
          workflowId,
          args: [
            {
              item: `Chair ${i}`,
              amount: 100 + i,
              currency: 'EUR',
              justification: 'benchmark run',
              requestedBy: 'clerk',
            },
          ],
        });
        let listedAt: number | undefined;
        while (listedAt === undefined) {
          const response = await fetch(`${api.url}/api/tasks?view=queue&q=${encodeURIComponent(workflowId)}&limit=5`, {
            headers: { authorization: `Bearer ${token}` },
          });
          const page = (await response.json()) as { items: { processWorkflowId: string }[] };
          if (page.items.some((t) => t.processWorkflowId === workflowId)) listedAt = performance.now();
          else await new Promise((r) => setTimeout(r, 10));
        }
        return {
          listed: listedAt - startedAt,
          pushed: (await arrived) - startedAt,
          stored: (await stored) - startedAt,
        };
      };
      for (let w = 1; w <= WARMUP; w++) await once(-w);
      const listed: number[] = [];
      const pushedMs: number[] = [];
      const storedMs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const sample = await once(i);
        listed.push(sample.listed);
        pushedMs.push(sample.pushed);
        storedMs.push(sample.stored);
      }
      return [
        {
          figure: 'new task row written to the task store after its workflow starts, p50 / p95',
          value: `${ms(percentile(storedMs, 50))} / ${ms(percentile(storedMs, 95))}`,
          target: 'report',
        },
        {
          figure: 'new task listed in the inbox after its workflow starts, p50 / p95',
          value: `${ms(percentile(listed, 50))} / ${ms(percentile(listed, 95))}`,
          target: 'p95 < 1 s',
        },
        {
          figure: 'new task pushed over the live stream after its workflow starts, p50 / p95',
          value: `${ms(percentile(pushedMs, 50))} / ${ms(percentile(pushedMs, 95))}`,
          target: 'p95 < 1 s',
        },
      ];
    } finally {
      unsubscribe();
      await api.close();
      await worker.stop();
      await store.close();
      await temporal.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
