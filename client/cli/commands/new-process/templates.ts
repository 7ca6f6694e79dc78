/**
 * The files `bpo new process` writes: the smallest complete process (a launcher, a human step with a form of its
 * own, a main-queue activity that records the decision) and its test. Each template is the file as it is written,
 * for a process called `N` (kebab-case `name`, `camel` and `Pascal` identifiers, a display `title`).
 */
export interface ProcessNames {
  /** kebab-case: the sub-folder in each layer, the launcher's and the forms' names. */
  name: string;
  /** camelCase: the declaration in processes/installed.ts. */
  camel: string;
  /** PascalCase: the types. */
  pascal: string;
  title: string;
}

/** What the generated code registers with Temporal by name, which must be unique across installed processes. */
export const workflowName = (n: ProcessNames) => `${n.camel}Workflow`;
export const activityName = (n: ProcessNames) => `record${n.pascal}Decision`;
export const formNamesOf = (n: ProcessNames) => ({ launch: n.name, review: `${n.name}-review` });

/** A single-quoted TypeScript string literal. */
const str = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export interface GeneratedFile {
  path: string;
  /** What the file is, for the command's report. */
  role: string;
  content: string;
}

export function processFiles(n: ProcessNames): GeneratedFile[] {
  const forms = formNamesOf(n);
  const workflow = workflowName(n);
  const activity = activityName(n);
  return [
    {
      path: `schemas/${n.name}/forms.ts`,
      role: 'the launch form and the review form, merged into FormRegistry',
      content: `import { z } from 'zod';

/** What a person fills in to start the process from the inbox; who they are comes from the session. */
export const ${n.camel}RequestForm = z.object({
  subject: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  details: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
});

/** The reviewer's decision in the human step. */
export const ${n.camel}ReviewForm = z.object({
  decision: z.enum(['approve', 'reject'], { message: 'must be approve or reject' }),
  comment: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
});

export type ${n.pascal}Request = z.infer<typeof ${n.camel}RequestForm>;
export type ${n.pascal}Review = z.infer<typeof ${n.camel}ReviewForm>;

/** The forms of this process's launcher and task, registered with the engine by name. */
export const ${n.camel}Forms = {
  ${str(forms.launch)}: ${n.camel}RequestForm,
  ${str(forms.review)}: ${n.camel}ReviewForm,
} as const;

type Forms = typeof ${n.camel}Forms;
declare module '../engine/forms' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this process's forms into the registry
  interface FormRegistry extends Forms {}
}
`,
    },
    {
      path: `schemas/${n.name}/${n.name}.ts`,
      role: "the workflow's input and result",
      content: `import type { ${n.pascal}Request, ${n.pascal}Review } from './forms';

/** What starts the process: the launch form and who filled it in. */
export interface ${n.pascal}Input extends ${n.pascal}Request {
  requestedBy: string;
}

/** The reviewer's decision and the record it was filed as, or \`expired\` when nobody decided in time. */
export type ${n.pascal}Result =
  | { decision: ${n.pascal}Review['decision']; decidedBy: string; comment?: string; recordId: string }
  | { decision: 'expired' };
`,
    },
    {
      path: `workflows/${n.name}/${n.name}.ts`,
      role: `the workflow ${workflow}: a human step, then the activity`,
      content: `import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { create${n.pascal}Activities } from '../../activities/${n.name}';
import type { ${n.pascal}Input, ${n.pascal}Result } from '../../schemas/${n.name}/${n.name}';
import { humanTask } from '../engine';

const activities = proxyActivities<ReturnType<typeof create${n.pascal}Activities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * An approver (never the requester) decides in the inbox, then the decision is recorded. Workflow code is
 * replayed: no I/O, clock or randomness here; side effects belong in activities.
 */
export async function ${workflow}(input: ${n.pascal}Input): Promise<${n.pascal}Result> {
  const review = await humanTask({
    key: 'review',
    type: 'review',
    title: \`Review: \${input.subject}\`,
    form: ${str(forms.review)},
    process: ${str(n.name)},
    candidates: { roles: ['approver'] },
    sla: { dueIn: '2 days', remindBefore: '4 hours', escalateTo: { roles: ['manager'] } },
    fourEyes: { excludedUsers: [input.requestedBy] },
    context: { subject: input.subject, details: input.details, requestedBy: input.requestedBy },
  });
  if (review.outcome === 'expired') return { decision: 'expired' };

  const { recordId } = await activities.${activity}({
    requestId: workflowInfo().workflowId,
    subject: input.subject,
    requestedBy: input.requestedBy,
    decision: review.data.decision,
    decidedBy: review.completedBy,
    comment: review.data.comment,
  });
  return { decision: review.data.decision, decidedBy: review.completedBy, comment: review.data.comment, recordId };
}
`,
    },
    {
      path: `workflows/${n.name}/index.ts`,
      role: 'the bundle entry, which registers the forms where the workflows run',
      content: `// The ${n.name} process's workflows (its bundle entry); its forms are registered where the workflows run.
import { registerForms } from '../../schemas/engine/forms';
import { ${n.camel}Forms } from '../../schemas/${n.name}/forms';

registerForms(${str(n.name)}, ${n.camel}Forms);

export * from './${n.name}';
`,
    },
    {
      path: `activities/${n.name}/index.ts`,
      role: `the activity factory: ${activity} on the main queue`,
      content: `import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ${n.pascal}Review } from '../../schemas/${n.name}/forms';

export interface ${n.pascal}ActivityDeps {
  /** Folder with one JSON file per decided request. */
  dir: string;
}

export interface ${n.pascal}Decision {
  requestId: string;
  subject: string;
  requestedBy: string;
  decision: ${n.pascal}Review['decision'];
  decidedBy: string;
  comment?: string;
}

export interface RecordedDecision {
  recordId: string;
  alreadyRecorded: boolean;
}

/** The process's side effects, run by the main worker: here, the register where decisions are filed. */
export function create${n.pascal}Activities(deps: ${n.pascal}ActivityDeps) {
  return {
    /** Files the decision once: the record is named after the request, so a retry finds the one it wrote. */
    async ${activity}(decision: ${n.pascal}Decision): Promise<RecordedDecision> {
      const recordId = createHash('sha256').update(decision.requestId).digest('hex').slice(0, 16);
      await mkdir(deps.dir, { recursive: true });
      try {
        const record = { recordId, recordedAt: new Date().toISOString(), ...decision };
        await writeFile(join(deps.dir, \`\${recordId}.json\`), JSON.stringify(record, null, 2), { flag: 'wx' });
        return { recordId, alreadyRecorded: false };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        return { recordId, alreadyRecorded: true };
      }
    },
  };
}
`,
    },
    {
      path: `client/${n.name}/launcher.ts`,
      role: 'the launcher: who may start it from the inbox, and with which form',
      content: `import { randomUUID } from 'node:crypto';
import type { LaunchableProcess } from '../api/processes';
import type { ${n.pascal}Request } from '../../schemas/${n.name}/forms';
import { ${workflow} } from '../../workflows/${n.name}/${n.name}';
import { startedByMemo } from '../../platform/task-store/visibility';

/** Started from the inbox: the requester is the signed-in user, never a field of the form. */
export const ${n.camel}Launcher: LaunchableProcess = {
  name: ${str(n.name)},
  title: ${str(n.title)},
  description: 'Describe the request; an approver decides in the inbox, and the decision is recorded.',
  form: ${str(forms.launch)},
  roles: ['clerk', 'manager', 'admin'],
  async start(client, taskQueue, input, user) {
    const workflowId = \`${n.name}:\${randomUUID()}\`;
    await client.workflow.start(${workflow}, {
      taskQueue,
      workflowId,
      // The starter may read the run later (GET /api/processes/runs/:id).
      memo: startedByMemo(user.username),
      args: [{ ...(input as ${n.pascal}Request), requestedBy: user.username }],
    });
    return workflowId;
  },
};
`,
    },
    {
      path: `processes/${n.name}.ts`,
      role: 'the declaration',
      content: `import { join } from 'node:path';
import { create${n.pascal}Activities } from '../activities/${n.name}';
import { ${n.camel}Launcher } from '../client/${n.name}/launcher';
import { ${n.camel}Forms } from '../schemas/${n.name}/forms';
import { defineProcess } from './define-process';

/** Started from the inbox, decided by an approver, the decision recorded. */
export const ${n.camel} = defineProcess({
  name: ${str(n.name)},
  title: ${str(n.title)},
  workflowsPath: join(__dirname, '../workflows/${n.name}'),
  activities: {
    main: ({ config }) => create${n.pascal}Activities({ dir: join(config.DATA_DIR, ${str(n.name)}) }),
  },
  forms: ${n.camel}Forms,
  launchers: [${n.camel}Launcher],
});
`,
    },
    {
      path: `test/${n.name}/${n.name}.test.ts`,
      role: 'its test: the workflow on the test server, the task completed through its Update',
      content: `import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifyActivities } from '../../activities/engine/notify';
import { createTaskStoreActivities } from '../../activities/engine/tasks';
import { create${n.pascal}Activities } from '../../activities/${n.name}';
import type { TaskStore } from '../../platform/task-store/task-store';
import { claimTaskUpdate, completeTaskUpdate, taskStateQuery, taskWorkflowId } from '../../workflows/engine/human-task';
import { ${workflow} } from '../../workflows/${n.name}/${n.name}';
import { actOnTask } from '../helpers/signed-task-updates';
import { openTestTaskStore } from '../helpers/task-stores';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let temporal: TestTemporal;
let store: TaskStore;
let dir: string;
let worker: Worker;
let running: Promise<void>;
let taskQueue: string;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  store = await openTestTaskStore('pglite');
  dir = await mkdtemp(join(tmpdir(), ${str(`${n.name}-`)}));
  taskQueue = temporal.newTaskQueue(${str(n.name)});
  // The engine's task and notification activities, and the process's own, as the main worker runs them.
  worker = await temporal.createWorker({
    taskQueue,
    activities: {
      ...createTaskStoreActivities({ store }),
      ...createNotifyActivities({}),
      ...create${n.pascal}Activities({ dir }),
    },
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await store?.close();
  await temporal?.close();
  await rm(dir, { recursive: true, force: true });
});

describe(${str(workflow)}, () => {
  it('asks an approver, and records the decision', async () => {
    const handle = await temporal.client.workflow.start(${workflow}, {
      taskQueue,
      workflowId: \`${n.name}:test-\${Date.now()}\`,
      args: [{ subject: 'A test request', details: 'written by the test', requestedBy: 'clerk' }],
    });

    // The task is a child workflow that starts a moment after the process: wait until it is open.
    const task = temporal.client.workflow.getHandle(taskWorkflowId(handle.workflowId, 'review'));
    await expect
      .poll(() =>
        task.query(taskStateQuery).then(
          (state) => state.status,
          () => 'not started',
        ),
      )
      .toBe('open');
    const approver = { username: 'approver', roles: ['approver'] };
    // Signed as the API signs actors (the development key): the task refuses unsigned ones.
    await actOnTask(task, claimTaskUpdate, { actor: approver });
    await actOnTask(task, completeTaskUpdate, { actor: approver, data: { decision: 'approve', comment: 'fine' } });

    const result = await handle.result();
    if (result.decision === 'expired') throw new Error('the review expired');
    expect(result).toMatchObject({ decision: 'approve', decidedBy: 'approver', comment: 'fine' });
    const record = JSON.parse(await readFile(join(dir, \`\${result.recordId}.json\`), 'utf8'));
    expect(record).toMatchObject({ requestId: handle.workflowId, decision: 'approve', decidedBy: 'approver' });
  });
});
`,
    },
  ];
}
