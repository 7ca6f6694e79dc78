/**
 * Inbox list with 10,000 open tasks: the task store's query against Temporal's ListWorkflowExecutions with the
 * same filter (a role's queue, open or claimed, first page of 50), measured side by side, interleaved.
 * Visibility cannot sort by a custom attribute on this server, so it is asked unsorted; the store sorts by due date.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPostgres, openPglite, type SqlClient } from '../platform/database/sql-client';
import { createSqlTaskStore } from '../platform/task-store/sql-task-store';
import type { Benchmark } from './run';
import { startBenchTemporal } from './helpers/bench-temporal';
import { seedTasks, seedTaskState } from './helpers/seed-tasks';
import { seedVisibility, waitForIndexed } from './helpers/seed-visibility';
import { ms, percentile, ratio } from './helpers/stats';

const TASKS = 10_000;
const RUNS = 200;
const PAGE = 50;

const benchmark: Benchmark = {
  name: 'inbox',
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'bpo-bench-inbox-'));
    const temporal = await startBenchTemporal();
    const db = await openPglite(join(dir, 'tasks'));
    // Production's store is PostgreSQL (docker-compose); the embedded default is PGlite. Both are measured
    // against the same visibility calls when a server answers at BENCH_DATABASE_URL.
    const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    let pg: SqlClient | undefined;
    const pgSchema = `bench_inbox_${Date.now()}`;
    try {
      pg = await connectPostgres(pgUrl, { schema: pgSchema });
    } catch (err) {
      console.error(`no PostgreSQL at ${pgUrl} (${(err as Error).message}); measuring PGlite only`);
    }
    try {
      const store = await createSqlTaskStore(db);
      const pgStore = pg ? await createSqlTaskStore(pg) : undefined;
      const tasks = seedTasks(TASKS);
      console.error(`seeding ${TASKS} task rows and ${TASKS} workflows …`);
      let i = 0;
      for (const task of tasks) {
        const state = seedTaskState(task, i++);
        await store.upsertTask(state);
        await pgStore?.upsertTask(state);
      }
      await seedVisibility(temporal.client, tasks, 'bench-inbox-unpolled');
      await waitForIndexed(
        temporal.client,
        `WorkflowType = 'humanTaskWorkflow' AND ExecutionStatus = 'Running'`,
        TASKS,
      );

      const visibilityQuery = `BpoCandidateRoles = 'approver' AND BpoStatus IN ('open', 'claimed') AND ExecutionStatus = 'Running'`;
      const storeQuery = {
        role: 'approver',
        status: ['open' as const, 'claimed' as const],
        sort: 'due' as const,
        limit: PAGE,
      };
      const viaStore = async () => {
        const page = await store.listTasks(storeQuery);
        if (page.items.length !== PAGE) throw new Error(`store returned ${page.items.length} rows`);
      };
      const viaPostgres = async () => {
        const page = await pgStore?.listTasks(storeQuery);
        if (pgStore && page?.items.length !== PAGE)
          throw new Error(`PostgreSQL store returned ${page?.items.length} rows`);
      };
      const viaVisibility = async () => {
        const page = await temporal.client.workflowService.listWorkflowExecutions({
          namespace: temporal.namespace,
          query: visibilityQuery,
          pageSize: PAGE,
        });
        if (page.executions.length !== PAGE)
          throw new Error(`visibility returned ${page.executions.length} executions`);
      };
      for (let w = 0; w < 20; w++) {
        await viaStore();
        await viaPostgres();
        await viaVisibility();
      }
      const storeMs: number[] = [];
      const pgMs: number[] = [];
      const visibilityMs: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        let t = performance.now();
        await viaStore();
        storeMs.push(performance.now() - t);
        if (pgStore) {
          t = performance.now();
          await viaPostgres();
          pgMs.push(performance.now() - t);
        }
        t = performance.now();
        await viaVisibility();
        visibilityMs.push(performance.now() - t);
      }
      const storeP95 = percentile(storeMs, 95);
      const visibilityP95 = percentile(visibilityMs, 95);
      const rows = [
        {
          figure: 'inbox list p95, task store (PGlite), 10k open tasks, page of 50',
          value: ms(storeP95),
          target: 'report',
        },
        {
          figure: 'inbox list p95, ListWorkflowExecutions (dev server), same filter',
          value: ms(visibilityP95),
          target: 'report',
        },
        {
          figure: 'inbox p95 ratio (PGlite store ÷ visibility), 10k open tasks',
          value: ratio(storeP95 / visibilityP95),
          target: '≤ 0.2',
        },
      ];
      if (pgMs.length > 0) {
        const pgP95 = percentile(pgMs, 95);
        rows.push(
          {
            figure: 'inbox list p95, task store (PostgreSQL, as deployed), same 10k tasks and filter',
            value: ms(pgP95),
            target: 'report',
          },
          {
            figure: 'inbox p95 ratio (PostgreSQL store ÷ visibility), 10k open tasks',
            value: ratio(pgP95 / visibilityP95),
            target: '≤ 0.2',
          },
        );
      }
      return rows;
    } finally {
      await pg?.exec(`DROP SCHEMA ${pgSchema} CASCADE`);
      await pg?.close();
      await db.close();
      await temporal.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
