import type { Locator, Page } from 'playwright-core';
import { PortalRejectedError, type PortalFieldError } from '../../systems/portal/portal-errors';

// Pieces the invoice screens share: exact labels, tables read by column header, the portal's error summary.

/** A field's label, exactly, allowing the required-field star the portal appends to it. */
export function exactLabel(label: string): RegExp {
  return new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?\\s*$`);
}

/** Rows of a captioned table as records keyed by column header (columns move between layouts; headers do not). */
export async function readTable(page: Page, caption: string): Promise<Array<Record<string, string>>> {
  const table = page.getByRole('table', { name: caption });
  if ((await table.count()) === 0) return [];
  const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
  const rows: Array<Record<string, string>> = [];
  for (const row of await table.locator('tbody').getByRole('row').all()) {
    const cells = (await row.getByRole('cell').allTextContents()).map((c) => c.trim());
    if (cells.length !== headers.length) continue; // the "nothing found" row spans all columns
    rows.push(Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])));
  }
  return rows;
}

/** A number as the portal prints it ("1,234.50" or "1234.50"). */
export function portalNumber(text: string | undefined): number {
  const value = Number((text ?? '').replace(/[,\s]/g, ''));
  if (!Number.isFinite(value)) throw new Error(`the portal showed "${text}" where a number belongs`);
  return value;
}

export async function testIdText(scope: Page | Locator, testId: string): Promise<string> {
  return ((await scope.getByTestId(testId).first().textContent()) ?? '').trim();
}

/** The refusal on a 422 page: the summary items and each invalid control's error text. */
export async function rejection(
  page: Page,
  form: Locator,
  fields: ReadonlyArray<{ key: string; label: string }>,
): Promise<PortalRejectedError> {
  const alert = page.getByRole('alert').filter({ hasText: 'Please correct the following' });
  const summary = (await alert.getByRole('listitem').allTextContents()).map((t) => t.trim());
  const fieldErrors: PortalFieldError[] = [];
  for (const { key, label } of fields) {
    const control = form.getByLabel(exactLabel(label));
    if ((await control.count()) === 0 || (await control.first().getAttribute('aria-invalid')) !== 'true') continue;
    const ids = ((await control.first().getAttribute('aria-describedby')) ?? '')
      .split(/\s+/)
      .filter((id) => id.endsWith('-error'));
    const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
    fieldErrors.push({ field: key, message: texts.map((t) => (t ?? '').trim()).join(' ') || 'invalid' });
  }
  return new PortalRejectedError(fieldErrors, summary);
}
