import type { Page, Response } from 'playwright-core';
import { PortalUnavailableError } from '../portal-errors';
import { inPage } from './in-page';

export interface TableText {
  headers: string[];
  /** Cell texts per body row (a "nothing found" row has fewer cells than headers). */
  rows: string[][];
}

export interface TableRead {
  /** null when the page shows no such table. */
  table: TableText | null;
  /** For a fetched page: its status (0 when the request failed) and the path it ended at after redirects. */
  fetched?: { status: number; path: string };
}

/**
 * The table with this accessible name (its caption), read whole in one round trip: from the page shown, or, with
 * `from`, from that portal page fetched by the page shown (same session cookies) and parsed by the browser
 * without being rendered: a list read at a fraction of the cost of a page load.
 */
export function readTable(page: Page, name: string, from?: string): Promise<TableRead> {
  return inPage(
    page,
    async (find, { name: wanted, from: path }) => {
      let doc: Document = document;
      let fetched: { status: number; path: string } | undefined;
      if (path) {
        const answer = await fetch(path, { credentials: 'same-origin' }).catch(() => null);
        fetched = { status: answer?.status ?? 0, path: answer ? new URL(answer.url).pathname : path };
        if (!answer?.ok) return { table: null, fetched };
        doc = new DOMParser().parseFromString(await answer.text(), 'text/html');
      }
      const table = find.byRole(doc, 'table', wanted)[0] as HTMLTableElement | undefined;
      if (!table) return { table: null, fetched };
      return {
        fetched,
        table: {
          headers: Array.from(table.querySelectorAll('thead th')).map((th) => find.text(th)),
          rows: Array.from(table.tBodies).flatMap((body) => Array.from(body.rows).map((tr) => Array.from(tr.cells).map((cell) => find.text(cell)))),
        },
      };
    },
    { name, from },
  );
}

/**
 * Fills the form with this accessible name, each value into the control with that label, in one round trip.
 * A form or label the page does not show is a technical fault (a half-loaded or changed page), as a locator
 * that never matches would be.
 */
export async function fillForm(page: Page, form: string, values: Record<string, string>): Promise<void> {
  const missing = await inPage(
    page,
    (find, { form: name, values: wanted }) => {
      const target = find.byRole(document, 'form', name)[0];
      if (!target) return [`form "${name}"`];
      const absent: string[] = [];
      for (const [label, value] of Object.entries(wanted)) {
        const control = find.control(target, label);
        if (control) find.setValue(control, value);
        else absent.push(`field "${label}"`);
      }
      return absent;
    },
    { form, values },
  );
  if (missing.length > 0) throw new PortalUnavailableError(`the page at ${new URL(page.url()).pathname} shows no ${missing.join(', ')}`);
}

/**
 * Submits the form through its button (as a click would, with the button's name and value) and waits for the
 * answer to the request it sends.
 */
export async function submitForm(page: Page, form: string, button: string, matches: (response: Response) => boolean): Promise<Response> {
  const answer = page.waitForResponse(matches);
  const found = await inPage(
    page,
    (find, { form: name, button: label }) => {
      const target = find.byRole(document, 'form', name)[0] as HTMLFormElement | undefined;
      const submitter = target && (find.byRole(target, 'button', label)[0] as HTMLButtonElement | undefined);
      // Submitted after the evaluate has answered: the navigation would otherwise end it without an answer.
      if (target && submitter) setTimeout(() => target.requestSubmit(submitter), 0);
      return Boolean(submitter);
    },
    { form, button },
  ).catch((err: unknown) => {
    answer.catch(() => undefined);
    throw err;
  });
  if (!found) {
    answer.catch(() => undefined);
    throw new PortalUnavailableError(`the page at ${new URL(page.url()).pathname} shows no "${button}" button in form "${form}"`);
  }
  return answer;
}
