/**
 * Vendor onboarding in the web inbox, in real Chromium: a clerk launches it from "Start a process", a manager sees
 * the approval task with the document check in its context and approves it, and the clerk's run page shows the
 * created vendor. Behind the inbox: the real portal and bots, the llm worker on the local chat-completions server.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../activities/engine/browser/find-chromium';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';
import { modelAnswer, startOnboardingStack, type OnboardingStack } from './stack';

let temporal: TestTemporal;
let stack: OnboardingStack;
let browser: Browser;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  stack = await startOnboardingStack(temporal);
  browser = await chromium.launch({
    executablePath: findChromium(process.env.CHROMIUM_PATH).path,
    args: chromiumArgs(),
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await temporal?.close();
});

async function loggedIn(username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(stack.url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(`${username}-pass`);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  await page.locator('#live-state[data-state="live"]').waitFor();
  return page;
}

describe('vendor onboarding in the inbox', () => {
  it(
    'a clerk launches it, a manager approves it, and the clerk sees the created vendor',
    { timeout: 180_000 },
    async () => {
      stack.fake.script(
        modelAnswer({
          matches: false,
          confirmed: ['name', 'vatId'],
          mismatches: [{ field: 'iban', problem: 'the letter gives no account number' }],
          confidence: 0.9,
        }),
      );
      const clerk = await loggedIn('clerk');
      await clerk.getByRole('link', { name: 'Start a process' }).click();
      await clerk.locator('#process-picker').selectOption('vendor-onboarding');
      const form = clerk.getByRole('form', { name: 'Start Vendor onboarding' });
      await form.getByLabel('Supplier name').fill('Havel Druckerei KG');
      await form.getByLabel('VAT ID').fill('DE 284 736 194');
      await form.getByLabel('IBAN').fill('DE44 5001 0517 5407 3249 31');
      await form.getByLabel('E-mail').fill('not an address');
      await form.getByLabel('Address').fill('Am Ufer 3, 14467 Potsdam');
      await form
        .getByLabel('Supporting text')
        .fill('Havel Druckerei KG, VAT ID DE284736194, asks you to pay future invoices to its new account.');
      await form.getByRole('button', { name: 'Start process' }).click();
      // The server's refusal shows beside the field it names; nothing starts.
      await expect
        .poll(() => clerk.locator('[data-field="email"] .field-error').textContent())
        .toContain('must be an email address');
      await form.getByLabel('E-mail').fill('billing@havel-druckerei.example');
      await form.getByRole('button', { name: 'Start process' }).click();
      await clerk.getByRole('heading', { name: 'Process run' }).waitFor();
      const workflowId = decodeURIComponent(new URL(clerk.url()).hash.replace('#/run/', ''));
      expect(workflowId).toMatch(/^vendor-onboarding:DE284736194:/);

      const manager = await loggedIn('manager');
      await manager.getByRole('link', { name: 'Queue: manager' }).click();
      await manager.getByRole('link', { name: /Approve new vendor: Havel Druckerei KG/ }).click();
      await manager.getByRole('heading', { name: 'Process context' }).waitFor();
      const context = manager.locator('section[aria-labelledby="context-title"]');
      await expect
        .poll(() => context.textContent())
        .toContain('does not confirm the form: IBAN: the letter gives no account number');
      await expect.poll(() => context.textContent()).toContain('clerk');

      await manager.getByRole('button', { name: 'Claim' }).click();
      await expect.poll(() => manager.getByRole('heading', { level: 1 }).textContent()).toContain('claimed');
      await manager.getByLabel('Comment', { exact: true }).fill('Account confirmed by phone');
      await manager.getByRole('button', { name: 'Approve' }).click();
      await expect.poll(() => manager.getByRole('status').filter({ hasText: 'Approved.' }).count()).toBe(1);

      // The clerk's run page follows the run to its end and shows the result.
      await expect.poll(() => clerk.locator('#run-status').textContent(), { timeout: 60_000 }).toContain('completed');
      const result = JSON.parse((await clerk.getByLabel('Result').textContent()) ?? '{}') as Record<string, unknown>;
      expect(result).toMatchObject({ outcome: 'created', requestedBy: 'clerk', approvedBy: 'manager' });
      expect(result.message).toMatch(/^Havel Druckerei KG is onboarded as vendor V-\d+, approved by manager\.$/);
      expect((await stack.target.vendorCounts(['DE284736194'])).get('DE284736194')).toBe(1);
    },
  );
});
