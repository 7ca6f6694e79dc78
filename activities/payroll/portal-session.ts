import { botFailures } from '../../schemas/engine/failures';

export interface PortalCredentials {
  url: string;
  username: string;
  password: string;
}

/**
 * A signed-in HTTP session with the portal, for what a real payroll system offers without a browser
 * (CSV exports, the approve action). 5xx and network errors are thrown as plain errors so Temporal retries;
 * a refused login is a configuration problem and does not retry.
 */
export class PortalSession {
  private constructor(
    private readonly base: string,
    private readonly cookie: string,
  ) {}

  static async signIn(credentials: PortalCredentials, signal?: AbortSignal): Promise<PortalSession> {
    const base = credentials.url.replace(/\/+$/, '');
    const response = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: credentials.username, password: credentials.password, next: '/' }),
      redirect: 'manual',
      signal,
    });
    if (response.status >= 500) throw new Error(`portal login answered ${response.status}`);
    const cookie = (response.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    if (response.status !== 302 && response.status !== 303) {
      throw botFailures.create(
        'PortalLoginRefused',
        `portal refused the login of ${credentials.username} (${response.status})`,
      );
    }
    if (!cookie) throw new Error('portal login set no session cookie');
    return new PortalSession(base, cookie);
  }

  /** GET a path; undefined on 404, the body otherwise. */
  async getText(path: string, signal?: AbortSignal): Promise<string | undefined> {
    const response = await fetch(`${this.base}${path}`, {
      headers: { cookie: this.cookie },
      redirect: 'manual',
      signal,
    });
    if (response.status === 404) return undefined;
    if (response.status === 302 || response.status === 303)
      throw new Error(`portal session lost while reading ${path}`);
    if (!response.ok) throw new Error(`portal answered ${response.status} for ${path}`);
    return response.text();
  }

  /** POST a form; returns the status so callers can tell a business refusal (4xx) from success. */
  async postForm(
    path: string,
    fields: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<{ status: number; body: string }> {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
      redirect: 'manual',
      signal,
    });
    if (response.status >= 500) throw new Error(`portal answered ${response.status} for ${path}`);
    return { status: response.status, body: await response.text() };
  }
}
