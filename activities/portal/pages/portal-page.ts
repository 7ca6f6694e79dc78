import type { Locator, Page, Response } from 'playwright-core';
import { PortalUnavailableError, SessionExpiredError } from '../portal-errors';

/** A field's label, exactly, allowing the required-field star the portal appends to it. */
export function labelled(label: string): RegExp {
  return new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?\\s*$`);
}

/**
 * Clicks and waits for the answer to the request the click sends. Both are awaited together, so when the click
 * fails (page closed, timeout) the pending wait cannot turn into an unhandled rejection that ends the worker.
 */
export async function clickForResponse(page: Page, button: Locator, matches: (response: Response) => boolean): Promise<Response> {
  const [response] = await Promise.all([page.waitForResponse(matches), button.click()]);
  return response;
}

/**
 * Submits a field's form with Enter, as a person would, and waits for the answer like clickForResponse. Cheaper
 * than clicking: a click first waits for the button to stand still through two animation frames.
 */
export async function submitForResponse(page: Page, field: Locator, matches: (response: Response) => boolean): Promise<Response> {
  const [response] = await Promise.all([page.waitForResponse(matches), field.press('Enter')]);
  return response;
}

/** What every portal screen shares: where the portal is, and how to tell a fault from a page. */
export abstract class PortalPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** Opens a portal path and checks the answer (5xx → unavailable, sign-in page → session expired). */
  protected async open(path: string): Promise<Response | null> {
    let response: Response | null;
    try {
      response = await this.page.goto(`${this.baseUrl}${path}`, { waitUntil: 'domcontentloaded' });
    } catch (err) {
      if (err instanceof Error && /net::ERR_/.test(err.message)) throw new PortalUnavailableError(`cannot open ${path}: ${err.message.split('\n')[0]}`);
      throw err;
    }
    this.checkResponse(response, path);
    return response;
  }

  protected checkResponse(response: Response | null, where: string): void {
    const status = response?.status() ?? 0;
    if (status >= 500) throw new PortalUnavailableError(`the portal answered ${status} at ${where}`);
    if (this.onSignInPage() && !where.startsWith('/login')) throw new SessionExpiredError(where);
  }

  /** Whether the page already shows this path with this heading (no fault page): saves a page load. */
  async showing(path: string, heading: string): Promise<boolean> {
    if (new URL(this.page.url()).pathname !== path) return false;
    return (await this.page.getByRole('heading', { level: 1, name: heading, exact: true }).count()) > 0;
  }

  onSignInPage(): boolean {
    return new URL(this.page.url()).pathname.startsWith('/login');
  }
}
