/**
 * The web inbox end to end in real Chromium, against a real worker, Temporal and the API on a PGlite store:
 * a clerk launches a purchase request (dual approval), approvers see it arrive live, claim it, meet a 422 and
 * a four-eyes refusal in the page, approve, and the process moves on to its recorded decision.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolderArtifactStore } from '../activities/engine/artifacts/artifact-store';
import { chromiumArgs, findChromium } from '../activities/engine/browser/find-chromium';
import { startApiServer } from '../client/api/server';
import { artifactsDir, loadConfig, type Config } from '../platform/config';
import { createLogger } from '../platform/logger';
import { openTaskStore } from '../platform/task-store/open-task-store';
import type { TaskStore } from '../platform/task-store/task-store';
import type { TaskState } from '../schemas/engine/human-task';
import { mainActivities } from '../workers/main-worker';
import { eventually, login } from './helpers/attended';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

let temporal: TestTemporal;
let dir: string;
let store: TaskStore;
let worker: Worker;
let workerRun: Promise<void>;
let api: { url: string; close(): Promise<void> };
let browser: Browser;
let config: Config;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  dir = await mkdtemp(join(tmpdir(), 'bpo-inbox-e2e-'));
  config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn', LOG_FORMAT: 'json', TEMPORAL_NAMESPACE: temporal.namespace });
  store = await openTaskStore(config);
  const taskQueue = temporal.newTaskQueue('inbox-e2e');
  worker = await temporal.createWorker({ taskQueue, activities: mainActivities(config, { taskStore: store }) });
  workerRun = worker.run();
  api = await startApiServer({
    config,
    client: temporal.client,
    store,
    logger: createLogger(config, 'inbox-e2e'),
    port: 0,
    taskQueue,
  });
  // The same browser and flags the bots use.
  browser = await chromium.launch({
    executablePath: findChromium(process.env.CHROMIUM_PATH).path,
    args: chromiumArgs(),
  });
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
  worker?.shutdown();
  await workerRun;
  await store?.close();
  await temporal?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A fresh browser session (own cookies and storage) logged in as `username`, on the inbox. */
async function loggedIn(username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(api.url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(`${username}-pass`);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  // Live updates are on once the event stream is open: from here a new task needs no reload.
  await page.locator('#live-state[data-state="live"]').waitFor();
  return page;
}

/** Opens a tab of the list and waits until it shows: its new filter form replaces the one on the page. */
async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('link', { name, exact: true });
  await tab.click();
  await expect.poll(() => tab.getAttribute('aria-current')).toBe('page');
}

const fieldError = (page: Page, field: string) => page.locator(`[data-field="${field}"] .field-error`);
const alertText = (page: Page) => page.getByRole('alert').filter({ hasText: /./ }).first().textContent();

describe('web inbox in Chromium', () => {
  it(
    'launches, shows the task live, refuses a bad form and four-eyes, and approves through to the result',
    { timeout: 180_000 },
    async () => {
      const approver = await loggedIn('approver');
      await approver.getByRole('link', { name: 'Queue: approver' }).click();
      await approver.getByRole('status').filter({ hasText: 'No tasks match these filters.' }).waitFor();

      // The clerk launches a purchase request; the server's 422 shows beside the field it names.
      const clerk = await loggedIn('clerk');
      await clerk.getByRole('link', { name: 'Start a process' }).click();
      await clerk.getByLabel('Item').fill('Standing desk');
      await clerk.getByLabel('Amount').fill('2500');
      await clerk.getByLabel('Justification').fill('no');
      await clerk.getByRole('button', { name: 'Start process' }).click();
      await expect.poll(() => fieldError(clerk, 'justification').textContent()).toContain('at least 5 characters');
      await expect.poll(() => clerk.getByLabel('Justification').getAttribute('aria-invalid')).toBe('true');
      await clerk.getByLabel('Justification').fill('Back pain; the old desk is broken.');
      await clerk.getByRole('button', { name: 'Start process' }).click();
      await clerk.getByRole('heading', { name: 'Process run' }).waitFor();
      const workflowId = decodeURIComponent(new URL(clerk.url()).hash.replace('#/run/', ''));
      expect(workflowId).toMatch(/^purchase-request:/);

      // The approver's queue, loaded before the launch, gains the task without a reload.
      const taskLink = approver.getByRole('link', { name: /Approve purchase: Standing desk/ });
      await taskLink.waitFor();
      await expect.poll(() => approver.locator('tr', { has: taskLink }).textContent()).toMatch(/open.*Due/);
      await taskLink.click();
      await approver.getByRole('heading', { name: 'Process context' }).waitFor();
      await expect.poll(() => approver.locator('.facts').last().textContent()).toContain('clerk');

      await approver.getByRole('button', { name: 'Claim' }).click();
      await expect.poll(() => approver.getByRole('heading', { level: 1 }).textContent()).toContain('claimed');

      // Rejecting needs a comment: the field error comes from the task's validator, next to the field.
      await approver.getByRole('button', { name: 'Reject' }).click();
      await expect.poll(() => fieldError(approver, 'comment').textContent()).toContain('is required when rejecting');

      await approver.getByLabel('Comment', { exact: true }).fill('Fine by me');
      await approver.getByRole('button', { name: 'Approve' }).click();
      await expect.poll(() => approver.getByRole('status').filter({ hasText: 'Approved.' }).count()).toBe(1);
      // 2,500 needs two approvers: the task is open again, and this approver may not take it twice.
      await expect.poll(() => approver.getByRole('heading', { level: 1 }).textContent()).toContain('open');
      await approver.getByRole('button', { name: 'Claim' }).click();
      await expect
        .poll(() => alertText(approver))
        .toMatch(/Not allowed: four-eyes rule: approver has already signed off/);

      // The second approver finishes it; the process moves on and records the decision.
      const approver2 = await loggedIn('approver2');
      await approver2.getByRole('link', { name: 'Queue: approver' }).click();
      await approver2.getByRole('link', { name: /Approve purchase: Standing desk/ }).click();
      await approver2.getByRole('button', { name: 'Claim' }).click();
      await expect.poll(() => approver2.getByRole('heading', { level: 1 }).textContent()).toContain('claimed');
      await approver2.getByLabel('Comment', { exact: true }).fill('Agreed');
      await approver2.getByRole('button', { name: 'Approve' }).click();

      const result = (await temporal.client.workflow.getHandle(workflowId).result()) as {
        decision: string;
        approvers: string[];
        recordId?: string;
      };
      expect(result.decision).toBe('approve');
      expect(result.approvers).toEqual(['approver', 'approver2']);
      expect(result.recordId).toBeTruthy();

      // Every page hears of it: the audit trail, the first approver's open page, the clerk's run page.
      await expect
        .poll(() => approver2.getByRole('list', { name: 'Audit trail' }).textContent())
        .toMatch(/approver2 completed\s*Agreed/);
      await expect.poll(() => approver.getByRole('heading', { level: 1 }).textContent()).toContain('completed');
      await expect.poll(() => clerk.locator('#run-status').textContent(), { timeout: 10_000 }).toContain('completed');
    },
  );

  it(
    'pages with Load more, filters by text, badges overdue tasks and shows screenshot evidence inline',
    { timeout: 60_000 },
    async () => {
      // Rows written straight into the store: the list and the detail page read only the store.
      const now = Date.now();
      // The screenshot as a bot saves it (a file:// reference), so the page loads it through the API with its cookie.
      const screenshot = await createFolderArtifactStore(artifactsDir(config)).save(
        'paging-demo',
        'screenshot.png',
        PIXEL,
      );
      for (let i = 0; i < 30; i++) await store.upsertTask(listedTask(i, now, screenshot.uri));
      const page = await loggedIn('manager');
      await openTab(page, 'Queue: manager');
      await page.getByLabel('Process').fill('paging-demo');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'shown' }).textContent())
        .toBe('25 tasks shown');
      await page.getByRole('button', { name: 'Load more' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'shown' }).textContent())
        .toBe('30 tasks shown');
      expect(await page.getByRole('button', { name: 'Load more' }).isHidden()).toBe(true);
      // Sorted by due date, the overdue task (the first one) leads, with its badge.
      await expect.poll(() => page.locator('tbody tr').first().textContent()).toMatch(/Paging task 0.*Overdue/);

      await page.getByLabel('Search').fill('Paging task 17');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'shown' }).textContent()).toBe('1 task shown');

      await page.getByRole('link', { name: 'Paging task 17' }).click();
      const shown = page.getByRole('img', { name: 'Portal screen at failure' });
      await shown.waitFor();
      expect(await shown.getAttribute('src')).toBe('/api/artifacts/paging-demo/screenshot.png');
      await expect
        .poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
        .toBe(true);
      await page.getByRole('link', { name: /Portal trace/ }).waitFor();
    },
  );

  it(
    'approves selected tasks in bulk, says which were refused and why, and the valid ones move on',
    { timeout: 120_000 },
    async () => {
      // Three requests from the clerk; this approver already signed the third (two approvers needed), so may not again.
      const launch = async (by: string, item: string, amount = 300) => {
        const res = await (
          await login(api.url, by)
        ).call('POST', '/api/processes/purchase-request/start', {
          input: { item, amount, currency: 'EUR', justification: 'team equipment' },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        const workflowId = res.body.workflowId as string;
        await eventually(() => store.getTask(`${workflowId}:task:approval`), `the task of ${item} in the store`);
        return workflowId;
      };
      const chair = await launch('clerk', 'Bulk chair');
      const lamp = await launch('clerk', 'Bulk lamp');
      const own = await launch('clerk', 'Bulk monitor', 2500);
      const approver = await login(api.url, 'approver');
      const first = await approver.call('POST', `/api/tasks/${encodeURIComponent(`${own}:task:approval`)}/complete`, {
        data: { decision: 'approve' },
      });
      expect(first.body).toMatchObject({ status: 'open', signOffs: [{ by: 'approver' }] });

      const page = await loggedIn('approver');
      await openTab(page, 'All');
      await page.getByLabel('Search').fill('Bulk');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'shown' }).textContent())
        .toBe('3 tasks shown');

      await page.getByLabel('Select all on page').check();
      expect(await page.getByRole('checkbox', { name: /^Select Approve purchase/ }).count()).toBe(3);
      await expect.poll(() => page.locator('.bulk-count').textContent()).toBe('3 tasks selected.');
      await page.getByLabel('Comment for the selected tasks').fill('Bulk OK');
      await page.getByRole('button', { name: 'Approve selected' }).click();

      const results = page.getByRole('list', { name: 'Bulk results' });
      await expect.poll(() => results.getByRole('listitem').count()).toBe(3);
      const line = (item: string) => results.getByRole('listitem').filter({ hasText: item }).textContent();
      expect(await line('Bulk chair')).toMatch(/: done \(completed\)$/);
      expect(await line('Bulk lamp')).toMatch(/: done \(completed\)$/);
      expect(await line('Bulk monitor')).toMatch(/: not done, four-eyes rule: approver has already signed off/);
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Approved' }).textContent())
        .toBe('Approved 2 of 3 selected tasks; 1 refused, see the results.');

      // The list refreshed: only the refused task is left, unselected.
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'shown' }).textContent()).toBe('1 task shown');
      expect(await page.getByRole('checkbox', { name: /Bulk monitor/ }).isChecked()).toBe(false);

      for (const workflowId of [chair, lamp]) {
        const result = (await temporal.client.workflow.getHandle(workflowId).result()) as {
          decision: string;
          approvers: string[];
        };
        expect(result).toMatchObject({ decision: 'approve', approvers: ['approver'] });
      }
      expect(await store.getTask(`${own}:task:approval`)).toMatchObject({
        status: 'open',
        signOffs: [{ by: 'approver' }],
      });
    },
  );

  it('sends an unknown user back to the login page with a clear message', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(api.url);
    await page.getByLabel('Username').fill('nobody');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.locator('#login-error').textContent()).toBe('Wrong username or password.');
  });
});

/** A 1×1 PNG, so the evidence image has something to load without any network. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

function listedTask(i: number, now: number, screenshotUrl: string): TaskState {
  const at = new Date(now - 60_000).toISOString();
  return {
    id: `paging-demo:${i}:task:review`,
    key: 'review',
    type: 'review',
    title: `Paging task ${i}`,
    form: 'approval',
    process: 'paging-demo',
    processWorkflowId: `paging-demo:${i}`,
    status: 'open',
    assignee: null,
    candidateRoles: ['manager'],
    candidateUsers: [],
    excludedUsers: [],
    approvalsRequired: 1,
    signOffs: [],
    priority: 0,
    // The first task is an hour overdue; the rest are due over the coming days.
    dueAt: new Date(i === 0 ? now - 3_600_000 : now + i * 86_400_000).toISOString(),
    remindAt: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    version: 1,
    escalated: false,
    reminded: false,
    context: { batch: 'paging' },
    evidence: [
      { label: 'Portal screen at failure', url: screenshotUrl, kind: 'screenshot' },
      { label: 'Portal trace', url: '/evidence/trace.zip', kind: 'trace' },
    ],
    audit: [{ seq: 1, at, actor: 'system', action: 'created' }],
  };
}
