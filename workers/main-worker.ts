import type { NativeConnection, Worker } from '@temporalio/worker';
import { createFolderArtifactStore } from '../activities/engine/artifacts/artifact-store';
import { createNotifyActivities, notifierFromConfig, type Notifier } from '../activities/engine/notify';
import { createTaskStoreActivities } from '../activities/engine/tasks';
import { actorVerifyKeys } from '../platform/actor-keys';
import { artifactsDir, taskQueue, type Config } from '../platform/config';
import type { ProcessDefinition } from '../processes/define-process';
import { allRoles, installedProcesses } from '../processes/installed';
import { activitiesFor } from './process-activities';
import { openTaskStore } from '../platform/task-store/open-task-store';
import type { TaskStore } from '../platform/task-store/task-store';
import { createWorker } from './create-worker';

/** The `main` queue: the engine's own activities (task store, notifications) and each installed process's. */
export function mainActivities(
  config: Config,
  deps: { taskStore: TaskStore; notifier?: Notifier },
  processes: readonly ProcessDefinition[] = installedProcesses,
) {
  // One notifier for task and process notifications: the channel is configured once.
  const notifier = deps.notifier ?? notifierFromConfig(config, allRoles(processes));
  return {
    ...createTaskStoreActivities({ store: deps.taskStore, actorKeys: actorVerifyKeys(config) }),
    ...createNotifyActivities({ notifier }),
    ...activitiesFor(processes, 'main', {
      config,
      taskStore: deps.taskStore,
      notifier,
      artifacts: createFolderArtifactStore(artifactsDir(config)),
    }),
  };
}

/** The task store is shared with the API when both run in one process (PGlite allows one owner per folder). */
export async function createMainWorker(
  connection: NativeConnection,
  config: Config,
  queue = taskQueue(config, 'main'),
  deps: { taskStore?: TaskStore } = {},
  processes: readonly ProcessDefinition[] = installedProcesses,
): Promise<Worker> {
  // A bad users file stops the worker here, before anything is opened, rather than at the first notification.
  const notifier = notifierFromConfig(config, allRoles(processes));
  await notifier.ready();
  const taskStore = deps.taskStore ?? (await openTaskStore(config));
  return createWorker({
    connection,
    config,
    taskQueue: queue,
    activities: mainActivities(config, { taskStore, notifier }, processes),
    options: {
      maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    },
  });
}
