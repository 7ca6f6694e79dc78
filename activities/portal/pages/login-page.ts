import { generateSync } from 'otplib';
import { PortalLoginRejectedError, PortalUnavailableError } from '../portal-errors';
import { PortalPage } from './portal-page';

export interface PortalCredentials {
  username: string;
  password: string;
  /** Base32 secret of the account's authenticator, when it has a second factor. */
  totpSecret?: string | undefined;
}

/** The sign-in page and, for accounts with a second factor, the code page after it. */
export class LoginPage extends PortalPage {
  async signIn(credentials: PortalCredentials): Promise<void> {
    await this.open('/login');
    if (!this.onSignInPage()) return; // Already signed in: the portal sent us on.
    const form = this.page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Username', { exact: true }).fill(credentials.username);
    await form.getByLabel('Password', { exact: true }).fill(credentials.password);
    await this.submit(form.getByRole('button', { name: 'Sign in' }), '/login');

    if (new URL(this.page.url()).pathname === '/login/totp') {
      if (!credentials.totpSecret) throw new PortalLoginRejectedError(`the portal asks ${credentials.username} for an authentication code, but no TOTP secret is configured (PORTAL_TOTP_SECRET)`);
      const codeForm = this.page.getByRole('form', { name: 'Two-factor authentication' });
      await codeForm.getByLabel('Authentication code', { exact: true }).fill(generateSync({ secret: credentials.totpSecret }));
      await this.submit(codeForm.getByRole('button', { name: 'Verify' }), '/login/totp');
    }
    if (this.onSignInPage()) {
      const alert = (await this.page.getByRole('alert').first().textContent().catch(() => null))?.trim();
      throw new PortalLoginRejectedError(`the portal refused the sign-in of ${credentials.username}: ${alert ?? 'no reason shown'}`);
    }
  }

  private async submit(button: ReturnType<PortalPage['page']['getByRole']>, path: string): Promise<void> {
    const answer = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path);
    await button.click();
    const response = await answer;
    await this.page.waitForLoadState('domcontentloaded');
    if (response.status() >= 500) throw new PortalUnavailableError(`the portal answered ${response.status()} to the sign-in`);
    // A redirect may land on a page that chaos turned into a 500; the session is valid all the same.
    const title = await this.page.title();
    if (/^Server error/.test(title)) throw new PortalUnavailableError('the portal failed right after the sign-in');
  }
}
