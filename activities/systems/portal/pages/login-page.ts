import { generateSync } from 'otplib';
import type { Locator } from 'playwright-core';
import { PortalLoginRejectedError, PortalUnavailableError } from '../portal-errors';
import { clickForResponse, labelled, PortalPage } from './portal-page';

export interface PortalCredentials {
  username: string;
  password: string;
  /** Base32 secret of the account's authenticator, when it has a second factor. */
  totpSecret?: string | undefined;
}

/** Authenticator codes change every 30 seconds. */
const TOTP_STEP_MS = 30_000;

/** The sign-in page and, for accounts with a second factor, the code page after it. */
export class LoginPage extends PortalPage {
  /** Signs in and lands on `next` (the screen the bot wants anyway, saving a page load). */
  async signIn(credentials: PortalCredentials, next = '/'): Promise<void> {
    await this.open(`/login?next=${encodeURIComponent(next)}`);
    if (!this.onSignInPage()) return; // Already signed in: the portal sent us on.
    const form = this.page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel(labelled('Username')).fill(credentials.username);
    await form.getByLabel(labelled('Password')).fill(credentials.password);
    let location = await this.submit(form.getByRole('button', { name: 'Sign in' }), '/login');

    if (location.startsWith('/login/totp')) {
      if (!credentials.totpSecret)
        throw new PortalLoginRejectedError(
          `the portal asks ${credentials.username} for an authentication code, but no TOTP secret is configured (PORTAL_TOTP_SECRET)`,
        );
      location = await this.submitCode(credentials.totpSecret);
      // A code is good once: when another page of this account has just used it, the next code will do.
      if (location === '' && /already been used/i.test((await this.alert()) ?? '')) {
        await this.page.waitForTimeout(TOTP_STEP_MS - (Date.now() % TOTP_STEP_MS) + 1_000);
        location = await this.submitCode(credentials.totpSecret);
      }
    }
    if (location === '' || location.startsWith('/login')) {
      const alert = await this.alert();
      throw new PortalLoginRejectedError(
        `the portal refused the sign-in of ${credentials.username}: ${alert ?? 'no reason shown'}`,
      );
    }
    // Signed in. The page after the redirect may still have failed (a 500): the caller's next step notices.
  }

  private async submitCode(secret: string): Promise<string> {
    const codeForm = this.page.getByRole('form', { name: 'Two-factor authentication' });
    await codeForm.getByLabel(labelled('Authentication code')).fill(generateSync({ secret }));
    return this.submit(codeForm.getByRole('button', { name: 'Verify' }), '/login/totp');
  }

  /** The page's first alert, if it shows one. */
  private async alert(): Promise<string | undefined> {
    const text = await this.page
      .getByRole('alert')
      .first()
      .textContent({ timeout: 2_000 })
      .catch(() => null);
    return text?.trim();
  }

  /** Submits a sign-in form; returns where the portal redirects to ('' when it answered with a page). */
  private async submit(button: Locator, path: string): Promise<string> {
    const response = await clickForResponse(
      this.page,
      button,
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path,
    );
    if (response.status() >= 500)
      throw new PortalUnavailableError(`the portal answered ${response.status()} to the sign-in`);
    await this.page.waitForLoadState('domcontentloaded');
    return response.status() >= 300 && response.status() < 400 ? ((await response.headerValue('location')) ?? '') : '';
  }
}
