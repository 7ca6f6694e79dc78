import type { Locator, Page } from 'playwright-core';
import { PortalUnavailableError, SessionExpiredError } from '../../systems/portal/portal-errors';
import { clickForResponse } from '../../systems/portal/pages';

/**
 * Clicks a form's button and reads the portal's answer: the redirect target after a 303 (the post-redirect-get
 * of a successful step), or the status of the page it answered with (422 = refused, nothing saved).
 */
export async function submitAndRead(
  page: Page,
  button: Locator,
  action: string,
): Promise<{ status: number; location: string }> {
  // Waiting and clicking together: a failed click must not leave the wait behind as an unhandled rejection.
  const response = await clickForResponse(
    page,
    button,
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === action,
  );
  const status = response.status();
  if (status >= 500) throw new PortalUnavailableError(`the portal answered ${status} to ${action}`);
  const location = status >= 300 && status < 400 ? ((await response.headerValue('location')) ?? '') : '';
  if (location.startsWith('/login')) throw new SessionExpiredError(action);
  await page.waitForLoadState('domcontentloaded');
  return { status, location };
}
