import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { startApiServer } from '../../client/api/server';
import { loadConfig, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { openTaskStore } from '../../platform/task-store/open-task-store';
import type { TaskStore } from '../../platform/task-store/task-store';
import { createBotsWorker } from '../../workers/bots-worker';
import { createLlmWorker } from '../../workers/llm-worker';
import { mainActivities } from '../../workers/main-worker';
import type { DisposableWorker } from '../../workers/run-worker-entry';
import { startFakeOpenAi, type FakeOpenAi } from '../fixtures/fake-openai-server';
import { eventually, login, type ApiSession } from '../helpers/attended';
import { startTestPortal, type TestPortal } from '../helpers/bots';
import type { TestTemporal } from '../helpers/temporal';

/**
 * The whole deployment for vendor onboarding, as `npm start` has it but on fresh queues of one prefix: the real
 * portal, a bots worker with Chromium, the llm worker against the local chat-completions server, the main worker
 * with the installed processes' activities, and the API with its inbox.
 */
export interface OnboardingStack {
  config: Config;
  target: TestPortal;
  fake: FakeOpenAi;
  store: TaskStore;
  url: string;
  dataDir: string;
  login(username: string): Promise<ApiSession>;
  /** Launches the process through the API as `username`; returns the workflow id. */
  launch(username: string, input: Record<string, unknown>): Promise<string>;
  /** The approval task, once the process has asked for it. */
  approvalTaskId(workflowId: string): Promise<string>;
  /** The run as the requester sees it (GET /api/processes/runs/:id), once it is no longer running. */
  finishedRun(username: string, workflowId: string): Promise<{ status: string; result: Record<string, unknown> }>;
  stop(): Promise<void>;
}

export async function startOnboardingStack(temporal: TestTemporal): Promise<OnboardingStack> {
  const fake = await startFakeOpenAi();
  const target = await startTestPortal();
  const dataDir = await mkdtemp(join(tmpdir(), 'vendor-onboarding-'));
  const prefix = `vendor-onboarding-${randomUUID()}-`;
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE_PREFIX: prefix,
    PORTAL_URL: target.portal.url,
    ARTIFACTS_DIR: join(dataDir, 'artifacts'),
    BOTS_MAX_CONCURRENT_PAGES: '3',
    BOTS_ACTION_TIMEOUT_MS: '20000',
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_MODEL: 'gpt-test',
    LLM_TIMEOUT_MS: '5000',
  });
  const store = await openTaskStore(config);
  const main: Worker = await temporal.createWorker({
    taskQueue: `${prefix}main`,
    activities: mainActivities(config, { taskStore: store }),
  });
  const bots: DisposableWorker = await createBotsWorker(temporal.nativeConnection, config, { queue: `${prefix}bots` });
  const llm = await createLlmWorker(temporal.nativeConnection, config, `${prefix}llm`);
  const running = Promise.all([main.run(), bots.worker.run(), llm.run()]);
  const api = await startApiServer({
    config,
    client: temporal.client,
    store,
    logger: createLogger(config, 'vendor-onboarding-test'),
    port: 0,
    taskQueue: `${prefix}main`,
  });

  const sessions = new Map<string, ApiSession>();
  const session = async (username: string) => {
    const known = sessions.get(username);
    if (known) return known;
    const fresh = await login(api.url, username);
    sessions.set(username, fresh);
    return fresh;
  };

  return {
    config,
    target,
    fake,
    store,
    url: api.url,
    dataDir,
    login: session,
    async launch(username, input) {
      const res = await (await session(username)).call('POST', '/api/processes/vendor-onboarding/start', { input });
      if (res.status !== 201) throw new Error(`launch refused: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.workflowId as string;
    },
    async approvalTaskId(workflowId) {
      const task = await eventually(
        () => store.getTask(`${workflowId}:task:approval`),
        `the approval task of ${workflowId}`,
        60_000,
      );
      return task.id;
    },
    async finishedRun(username, workflowId) {
      const api = await session(username);
      return eventually(
        async () => {
          const res = await api.call('GET', `/api/processes/runs/${encodeURIComponent(workflowId)}`);
          return res.status === 200 && res.body.status !== 'RUNNING' ? res.body : undefined;
        },
        `the end of ${workflowId}`,
        90_000,
      );
    },
    async stop() {
      await api.close();
      main.shutdown();
      bots.worker.shutdown();
      llm.shutdown();
      await running;
      await bots.dispose();
      await store.close();
      await target.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A document-check answer as the model would give it. */
export function modelAnswer(answer: {
  matches: boolean;
  confirmed: Array<'name' | 'vatId' | 'iban'>;
  mismatches?: Array<{ field: 'name' | 'vatId' | 'iban'; problem: string }>;
  confidence: number;
}) {
  return { kind: 'content' as const, content: JSON.stringify({ mismatches: [], ...answer }) };
}
