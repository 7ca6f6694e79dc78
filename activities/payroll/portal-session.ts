import { botFailures } from '../../schemas/engine/failures';

export interface PortalCredentials {
  url: string;
  username: string;
  password: string;
}

/** Cookies a response sets, as one Cookie header value. */
function cookiesOf(response: Response): string {
  return (response.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
}

/** The CSRF token a portal page carries for clients that post without reading its forms. */
function csrfTokenOf(html: string): string {
  return /<meta name="csrf-token" content="([^"]+)">/.exec(html)?.[1] ?? '';
}

/**
 * A signed-in HTTP session with the portal, for what a real payroll system offers without a browser
 * (CSV exports, the approve action). 5xx and network errors are thrown as plain errors so Temporal retries;
 * a refused login is a configuration problem and does not retry. Posts carry the session's CSRF token, read
 * from a page as a browser's form would carry it.
 */
export class PortalSession {
  private constructor(
    private readonly base: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  static async signIn(credentials: PortalCredentials, signal?: AbortSignal): Promise<PortalSession> {
    const base = credentials.url.replace(/\/+$/, '');
    const form = await fetch(`${base}/login`, { redirect: 'manual', signal });
    if (!form.ok) throw new Error(`portal login page answered ${form.status}`);
    const loginCookie = cookiesOf(form);
    const response = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
      body: new URLSearchParams({
        username: credentials.username,
        password: credentials.password,
        next: '/',
        _csrf: csrfTokenOf(await form.text()),
      }),
      redirect: 'manual',
      signal,
    });
    if (response.status >= 500) throw new Error(`portal login answered ${response.status}`);
    const cookie = cookiesOf(response);
    if (response.status !== 302 && response.status !== 303) {
      throw botFailures.create(
        'PortalLoginRefused',
        `portal refused the login of ${credentials.username} (${response.status})`,
      );
    }
    if (!cookie) throw new Error('portal login set no session cookie');
    const session = new PortalSession(base, cookie, '');
    const home = await session.getText('/', signal);
    return new PortalSession(base, cookie, csrfTokenOf(home ?? ''));
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
      body: new URLSearchParams({ ...fields, _csrf: this.csrfToken }),
      redirect: 'manual',
      signal,
    });
    if (response.status >= 500) throw new Error(`portal answered ${response.status} for ${path}`);
    return { status: response.status, body: await response.text() };
  }
}
