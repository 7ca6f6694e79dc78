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
export async function clickForResponse(
  page: Page,
  button: Locator,
  matches: (response: Response) => boolean,
): Promise<Response> {
  const [response] = await Promise.all([page.waitForResponse(matches), button.click()]);
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
      if (err instanceof Error && /net::ERR_/.test(err.message))
        throw new PortalUnavailableError(`cannot open ${path}: ${err.message.split('\n')[0]}`);
      throw err;
    }
    this.checkResponse(response, path);
    return response;
  }

  protected checkResponse(response: Response | null, where: string): void {
    this.checkAnswer(response?.status() ?? 0, new URL(this.page.url()).pathname, where);
  }

  /** 5xx → unavailable; an answer that ended on the sign-in page → the session expired. */
  protected checkAnswer(status: number, landedPath: string, where: string): void {
    if (status >= 500) throw new PortalUnavailableError(`the portal answered ${status} at ${where}`);
    if (landedPath.startsWith('/login') && !where.startsWith('/login')) throw new SessionExpiredError(where);
  }

  onSignInPage(): boolean {
    return new URL(this.page.url()).pathname.startsWith('/login');
  }

  /** Whether the page shows a portal page (its origin), so that it can fetch portal addresses with its session. */
  onPortal(): boolean {
    return new URL(this.page.url()).origin === new URL(this.baseUrl).origin;
  }
}
