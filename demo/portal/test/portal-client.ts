import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startPortal, type RunningPortal, type StartPortalOptions } from '../server';

// Test helpers for the portal: a started portal on a random port with its own data directory,
// a fetch-based "browser" that keeps cookies, and small readers for the server-rendered HTML.

export interface TestPortal {
  portal: RunningPortal;
  dataDir: string;
  /** Closes the portal and deletes its data directory. */
  dispose(): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'portal-test-'));
}

export async function startTestPortal(options: StartPortalOptions = {}): Promise<TestPortal> {
  const dataDir = options.dataDir ?? (await makeDataDir());
  const portal = await startPortal({ port: 0, logLevel: 'silent', ...options, dataDir });
  return {
    portal,
    dataDir,
    async dispose() {
      await portal.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface PageResponse {
  status: number;
  location: string | null;
  body: string;
  headers: Headers;
}

/** The CSRF token a page carries for scripts (the same value as its forms' hidden field). */
export function csrfTokenOf(html: string): string | undefined {
  return /<meta name="csrf-token" content="([^"]+)">/.exec(html)?.[1];
}

/**
 * A cookie-keeping HTTP client that does not follow redirects unless asked (so tests see every 303). Like a
 * browser filling a form the portal rendered, a post carries the CSRF token of the page it would come from
 * (fetched first when no page of that session was seen yet), unless the caller gives `_csrf` or turns it off.
 */
export class PortalClient {
  private cookies = new Map<string, string>();
  private csrfTokens = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async get(pathAndQuery: string): Promise<PageResponse> {
    return this.request('GET', pathAndQuery);
  }

  async post(
    pathAndQuery: string,
    fields: Record<string, string> = {},
    headers: Record<string, string> = {},
    options: { csrf?: boolean } = {},
  ): Promise<PageResponse> {
    const withToken =
      options.csrf === false || '_csrf' in fields ? fields : { ...fields, _csrf: await this.csrfFor(pathAndQuery) };
    return this.request('POST', pathAndQuery, new URLSearchParams(withToken).toString(), headers);
  }

  /** What a post's token is bound to: the sign-in cookie for the sign-in form, else the session. */
  private csrfKey(pathAndQuery: string): string {
    const pathname = new URL(pathAndQuery, this.baseUrl).pathname;
    return pathname === '/login'
      ? `login ${this.cookies.get('portal_login_csrf') ?? ''}`
      : `session ${this.cookies.get('portal_session') ?? ''}`;
  }

  private async csrfFor(pathAndQuery: string): Promise<string> {
    const key = this.csrfKey(pathAndQuery);
    const known = this.csrfTokens.get(key);
    if (known) return known;
    const pathname = new URL(pathAndQuery, this.baseUrl).pathname;
    const page = pathname === '/login' ? '/login' : pathname === '/login/totp' ? '/login/totp' : '/';
    await this.get(page);
    return this.csrfTokens.get(this.csrfKey(pathAndQuery)) ?? '';
  }

  /** Follows a 30x with GETs, as a browser does after a form post. */
  async follow(response: PageResponse, maxHops = 5): Promise<PageResponse> {
    let current = response;
    for (let hop = 0; hop < maxHops && current.location; hop += 1) current = await this.get(current.location);
    return current;
  }

  async signIn(username: string, password: string): Promise<PageResponse> {
    return this.post('/login', { username, password, next: '/' });
  }

  /** The same cookies against another address (e.g. the same portal after a restart on a new port). */
  pointedAt(baseUrl: string): PortalClient {
    const copy = new PortalClient(baseUrl);
    for (const [k, v] of this.cookies) copy.cookies.set(k, v);
    for (const [k, v] of this.csrfTokens) copy.csrfTokens.set(k, v);
    return copy;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private async request(
    method: string,
    pathAndQuery: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<PageResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(new URL(pathAndQuery, this.baseUrl), {
      method,
      redirect: 'manual',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      body,
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = setCookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      const cleared = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value.join('=') === '';
      if (cleared) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    const text = await response.text();
    const token = csrfTokenOf(text);
    if (token) this.csrfTokens.set(this.csrfKey(pathAndQuery), token);
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: text,
      headers: response.headers,
    };
  }
}

/** Calls an admin JSON route with the admin token. */
export async function admin<T = Record<string, unknown>>(
  portal: RunningPortal,
  method: 'GET' | 'POST',
  route: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const response = await fetch(new URL(route, portal.url), {
    method,
    headers: {
      'x-portal-admin-token': portal.adminToken ?? '',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as T };
}

/** A portal suite's shared state: its portal, and a client signed in afresh for the current test. */
export interface PortalSuite {
  readonly portal: RunningPortal;
  readonly client: PortalClient;
}

/**
 * Registers a suite's hooks: one portal for the whole suite, reset before each test (`reset` is the reset
 * route's body), and a new client signed in as `username` for each test.
 */
export function portalSuite(username: string, password: string, reset: Record<string, unknown> = {}): PortalSuite {
  let started: TestPortal | undefined;
  let client: PortalClient | undefined;
  const current = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the portal suite's ${what} is only there inside a test`);
    return value;
  };
  beforeAll(async () => {
    started = await startTestPortal();
  });
  afterAll(async () => {
    await started?.dispose();
  });
  beforeEach(async () => {
    const { portal } = current(started, 'portal');
    await admin(portal, 'POST', '/admin/reset', reset);
    client = new PortalClient(portal.url);
    await client.signIn(username, password);
  });
  return {
    get portal() {
      return current(started, 'portal').portal;
    },
    get client() {
      return current(client, 'client');
    },
  };
}

// ---- reading HTML -------------------------------------------------------------------------------

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

export function textOf(fragment: string): string {
  return fragment
    .replace(/<\/?(strong|em|b|i|a|code|span|small)\b[^>]*>/g, '') // inline tags do not separate words
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Inner HTML of every element whose start tag matches `attribute` (e.g. role="alert"). */
function elementsWith(html: string, attribute: string): string[] {
  const found: string[] = [];
  const start = new RegExp(`<([a-z0-9]+)\\b[^>]*${attribute}[^>]*>`, 'gi');
  for (let m = start.exec(html); m; m = start.exec(html)) {
    const tag = m[1] as string;
    const end = html.indexOf(`</${tag}>`, m.index + m[0].length);
    found.push(html.slice(m.index + m[0].length, end === -1 ? undefined : end));
  }
  return found;
}

export function alerts(html: string): string[] {
  return elementsWith(html, 'role="alert"').map(textOf);
}

export function statuses(html: string): string[] {
  return elementsWith(html, 'role="status"').map(textOf);
}

export function headings(html: string): string[] {
  return [...html.matchAll(/<h([1-3])[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => textOf(m[2] ?? ''));
}

/** Text of the element with data-testid="…". */
export function testIdText(html: string, testId: string): string | undefined {
  const inner = elementsWith(html, `data-testid="${testId}"`)[0];
  return inner === undefined ? undefined : textOf(inner);
}

/** The control labelled `label` (accessible name without the required marker): its id, tag and name attribute. */
export function controlByLabel(
  html: string,
  label: string,
): { id: string; tag: string; name: string | null } | undefined {
  for (const m of html.matchAll(/<label for="([^"]+)">([\s\S]*?)<\/label>/g)) {
    // Like an exact text locator: the label's whole text must equal `label`.
    if (textOf(m[2] ?? '') !== label) continue;
    const id = m[1] as string;
    const control = new RegExp(`<(input|select|textarea)\\b[^>]*\\bid="${id}"[^>]*>`).exec(html);
    if (!control) return undefined;
    const name = /\bname="([^"]*)"/.exec(control[0]);
    return { id, tag: control[1] as string, name: name ? (name[1] as string) : null };
  }
  return undefined;
}

export function buttons(html: string): string[] {
  return [...html.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)].map((m) => textOf(m[1] ?? ''));
}

/** Rows of the table with this caption, as records keyed by column header (works whatever the column order). */
export function tableRows(html: string, caption: string): Array<Record<string, string>> {
  for (const table of html.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table>/g)) {
    const inner = table[1] ?? '';
    const cap = /<caption[^>]*>([\s\S]*?)<\/caption>/.exec(inner);
    if (!cap || textOf(cap[1] ?? '') !== caption) continue;
    const headers = [...inner.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)].map((h) => textOf(h[1] ?? ''));
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(inner)?.[1] ?? '';
    return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
      .map((row) => [...(row[1] ?? '').matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1] ?? '')))
      .filter((cells) => cells.length === headers.length)
      .map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])));
  }
  throw new Error(`no table with caption "${caption}"`);
}

export function tableHeaders(html: string, caption: string): string[] {
  for (const table of html.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table>/g)) {
    const inner = table[1] ?? '';
    const cap = /<caption[^>]*>([\s\S]*?)<\/caption>/.exec(inner);
    if (cap && textOf(cap[1] ?? '') === caption)
      return [...inner.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)].map((h) => textOf(h[1] ?? ''));
  }
  throw new Error(`no table with caption "${caption}"`);
}

/** Every label on the page with the name of the control it labels, sorted by label. */
export function labelledControls(html: string): Array<{ label: string; id: string; name: string | null }> {
  return [...html.matchAll(/<label for="([^"]+)">([\s\S]*?)<\/label>/g)]
    .map((m) => {
      const label = textOf(m[2] ?? '');
      const control = controlByLabel(html, label);
      return { label, id: m[1] as string, name: control?.name ?? null };
    })
    .sort((a, b) => a.label.localeCompare(b.label) || String(a.name).localeCompare(String(b.name)));
}

export function captions(html: string): string[] {
  return [...html.matchAll(/<caption[^>]*>([\s\S]*?)<\/caption>/g)].map((m) => textOf(m[1] ?? ''));
}
