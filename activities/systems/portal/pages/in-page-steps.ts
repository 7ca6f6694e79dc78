import type { Page } from 'playwright-core';
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
    async (dom, { name: wanted, from: path }) => {
      let doc: Document | null = document;
      let fetched: { status: number; path: string } | undefined;
      if (path) {
        const answer = await dom.fetchPage(path);
        fetched = { status: answer.status, path: answer.path };
        doc = answer.status >= 200 && answer.status < 300 ? answer.doc : null;
      }
      const table = doc && (dom.byRole(doc, 'table', wanted)[0] as HTMLTableElement | undefined);
      if (!table) return { table: null, fetched };
      return {
        fetched,
        table: {
          headers: Array.from(table.querySelectorAll('thead th')).map((th) => dom.text(th)),
          rows: Array.from(table.tBodies).flatMap((body) =>
            Array.from(body.rows).map((tr) => Array.from(tr.cells).map((cell) => dom.text(cell))),
          ),
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
    (dom, { form: name, values: wanted }) => {
      const target = dom.byRole(document, 'form', name)[0];
      if (!target) return [`form "${name}"`];
      const absent: string[] = [];
      for (const [label, value] of Object.entries(wanted)) {
        const control = dom.control(target, label);
        if (control) dom.setValue(control, value);
        else absent.push(`field "${label}"`);
      }
      return absent;
    },
    { form, values },
  );
  if (missing.length > 0)
    throw new PortalUnavailableError(`the page at ${new URL(page.url()).pathname} shows no ${missing.join(', ')}`);
}

/** The answer to a form posted from the page (see postForm). */
export interface PostedForm {
  /** 0 when the portal did not answer. */
  status: number;
  /** Where the answer ended after redirects. */
  path: string;
  redirected: boolean;
}

/**
 * Submits the form as its button would, the way Turbo Drive does: the browser encodes the filled form (with the
 * button's name and value) and posts it with the page's session, then the answer, after redirects, is shown in
 * place of the form at its own address. The portal receives the very request a click sends; the bot saves the
 * cost of a new document. Whatever reads the answer next reads the page, as after a click.
 */
export async function postForm(page: Page, form: string, button: string): Promise<PostedForm> {
  const posted = await inPage(
    page,
    async (dom, { form: name, button: label }) => {
      const target = dom.byRole(document, 'form', name)[0] as HTMLFormElement | undefined;
      const submitter = target && (dom.byRole(target, 'button', label)[0] as HTMLButtonElement | undefined);
      if (!target || !submitter) return null;
      const body = new URLSearchParams();
      new FormData(target, submitter).forEach((value, key) => body.append(key, String(value)));
      const answer = await dom.fetchPage(target.action, { method: 'POST', body });
      dom.showPage(answer);
      return { status: answer.status, path: answer.path, redirected: answer.redirected };
    },
    { form, button },
  );
  if (!posted)
    throw new PortalUnavailableError(
      `the page at ${new URL(page.url()).pathname} shows no "${button}" button in form "${form}"`,
    );
  return posted;
}
