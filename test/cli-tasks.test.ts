import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, login, startAttendedStack, type AttendedStack } from './helpers/attended';
import { runBpo, type CliRun } from './helpers/bpo-cli';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

let temporal: TestTemporal;
let stack: AttendedStack;
let dataDir: string;

/** The `bpo` binary against this test's API; `user` logs in through env, none uses the saved session. */
const cli = (user: string | undefined, ...args: string[]): Promise<CliRun> =>
  runBpo(args, {
    BPO_API_URL: stack.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    BPO_USER: user ?? '',
    BPO_PASSWORD: user ? `${user}-pass` : '',
  });

beforeAll(async () => {
  temporal = await connectTestTemporal();
  stack = await startAttendedStack(temporal);
  dataDir = await mkdtemp(join(tmpdir(), 'cli-tasks-'));
});
afterAll(async () => {
  await stack?.stop();
  await temporal?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('bpo tasks over the API', () => {
  it('lists, shows, claims, refuses a bad form, reassigns and completes a task', async () => {
    const clerk = await login(stack.url, 'clerk');
    const started = await clerk.call('POST', '/api/processes/purchase-request/start', {
      input: { item: 'Headset', amount: 90, justification: 'calls all day' },
    });
    const taskId = `${started.body.workflowId}:task:approval`;
    await eventually(() => stack.store.getTask(taskId), 'the task row');

    expect((await cli(undefined, 'tasks', 'list')).stderr).toMatch(/Not logged in/);
    expect(await cli(undefined, 'login', '--user', 'approver', '--password', 'approver-pass')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/logged in .* as approver/),
    });
    expect((await cli(undefined, 'tasks', 'list', '--view', 'queue')).stdout).toContain(taskId);
    expect((await cli(undefined, 'tasks', 'show', taskId)).stdout).toMatch(/you may: claim, complete/);
    expect((await cli(undefined, 'tasks', 'claim', taskId)).stdout).toMatch(/claimed .*@approver/);

    const bad = await cli(undefined, 'tasks', 'complete', taskId, '--data', '{"decision":"maybe"}');
    expect(bad).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/422 form_invalid[\s\S]*decision: must be approve or reject/),
    });
    // The clerk is no candidate: the task is hidden from them, as if it did not exist.
    expect((await cli('clerk', 'tasks', 'claim', taskId)).stderr).toMatch(/404 not_found/);
    expect((await cli('approver2', 'tasks', 'claim', taskId)).stderr).toMatch(/409 conflict/);

    expect((await cli(undefined, 'tasks', 'reassign', taskId, '--to-user', 'approver2')).stdout).toMatch(/@approver2/);
    expect((await cli('approver2', 'tasks', 'complete', taskId, '--approve', '--comment', 'ok')).stdout).toMatch(
      /completed/,
    );
    await expect(temporal.client.workflow.getHandle(started.body.workflowId).result()).resolves.toMatchObject({
      decision: 'approve',
      approvers: ['approver2'],
    });
  }, 240_000); // nine CLI processes, each starting Node and tsx
});
