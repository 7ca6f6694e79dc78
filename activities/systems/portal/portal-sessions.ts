import type { BrowserContext, Cookie } from 'playwright-core';
import type { PageLease } from '../../engine/browser/browser-pool';
import { LoginPage, type PortalCredentials } from './pages';

/**
 * The portal's sign-in cookies, kept by a worker per account. Each activity still gets a fresh, isolated browser
 * context, but one that starts signed in: signing in costs a page load, a form post and the portal's password
 * check, often more than the work itself. A cookie the portal no longer honours shows as the sign-in page on the
 * next step (SessionExpiredError); the bot then signs in again and the fresh cookies replace the stale ones.
 */
export class PortalSessions {
  private readonly cookies = new Map<string, Cookie[]>();

  private key(portalUrl: string, username: string): string {
    return `${new URL(portalUrl).origin} ${username}`;
  }

  /** Puts the account's cookies into the context; false when there are none yet (the caller signs in). */
  async restore(context: BrowserContext, portalUrl: string, username: string): Promise<boolean> {
    const saved = this.cookies.get(this.key(portalUrl, username));
    if (!saved) return false;
    await context.addCookies(saved);
    return true;
  }

  /** Keeps the context's cookies for the portal after a successful sign-in. */
  async remember(context: BrowserContext, portalUrl: string, username: string): Promise<void> {
    this.cookies.set(this.key(portalUrl, username), await context.cookies(new URL(portalUrl).origin));
  }

  /** Drops the account's cookies (the portal refused them). */
  forget(portalUrl: string, username: string): void {
    this.cookies.delete(this.key(portalUrl, username));
  }
}

export interface SignInDeps {
  portalUrl: string;
  credentials: PortalCredentials;
  /** The worker's saved sessions; without it every activity signs in. */
  sessions?: PortalSessions | undefined;
}

/**
 * Makes the lease's context signed in. `fresh` is false when saved cookies were used without a page load: the
 * first step then finds out whether the portal still honours them. `next` is where a real sign-in lands.
 */
export async function signInLease(
  deps: SignInDeps,
  lease: PageLease,
  options: { next?: string; reuse: boolean },
): Promise<{ fresh: boolean }> {
  const { portalUrl, credentials, sessions } = deps;
  if (options.reuse && sessions && (await sessions.restore(lease.context, portalUrl, credentials.username)))
    return { fresh: false };
  sessions?.forget(portalUrl, credentials.username);
  await new LoginPage(lease.page, portalUrl).signIn(credentials, options.next);
  await sessions?.remember(lease.context, portalUrl, credentials.username);
  return { fresh: true };
}
