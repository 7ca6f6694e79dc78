import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPortal } from '../../demo/portal/server';
import { loadConfig, type Config } from '../../platform/config';
import { openTaskStore, type TaskStore } from '../../platform/task-store/open-task-store';
import { mainActivities } from '../../workers/main-worker';
import type { generatePayroll } from '../fixtures/payroll-generator';
import { loadPayroll } from '../fixtures/portal-admin';
import type { TestTemporal } from './temporal';

export interface PayrollStack {
  dir: string;
  portal: Awaited<ReturnType<typeof startPortal>>;
  config: Config;
  taskStore: TaskStore;
  taskQueue: string;
  stop(): Promise<void>;
}

/**
 * What the payroll suites share: an empty portal holding the generated run and the one before it, and a main
 * worker (with its task store) on a queue of the suite's own.
 */
export async function startPayrollStack(
  temporal: TestTemporal,
  payroll: ReturnType<typeof generatePayroll>,
  name: string,
  env: Record<string, string> = {},
): Promise<PayrollStack> {
  const dir = await mkdtemp(join(tmpdir(), `${name}-`));
  const portal = await startPortal({ port: 0, dataDir: join(dir, 'portal'), seed: 'empty' });
  await loadPayroll(portal, [
    { header: payroll.previousHeader, records: payroll.previous },
    { header: payroll.header, records: payroll.current },
  ]);
  const config = loadConfig({
    DATA_DIR: dir,
    PORTAL_URL: portal.url,
    PORTAL_USER: 'clerk',
    PORTAL_PASSWORD: 'clerk-pass',
    ...env,
  });
  const taskStore = await openTaskStore(config);
  const taskQueue = temporal.newTaskQueue(name);
  const worker = await temporal.createWorker({ taskQueue, activities: mainActivities(config, { taskStore }) });
  const running = worker.run();
  return {
    dir,
    portal,
    config,
    taskStore,
    taskQueue,
    stop: async () => {
      worker.shutdown();
      await running;
      await taskStore.close();
      await portal.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
