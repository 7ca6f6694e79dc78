import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURE_USER_TOTP_SECRET } from '../store';
import {
  admin,
  alerts,
  controlByLabel,
  headings,
  PortalClient,
  startTestPortal,
  type TestPortal,
} from './portal-client';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('portal sign-in and sessions', () => {
  let t: TestPortal;
  beforeAll(async () => {
    t = await startTestPortal();
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('sends anonymous visitors to the login page and back to where they were going', async () => {
    const client = new PortalClient(t.portal.url);
    const anonymous = await client.get('/vendors?q=acme');
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe('/login?next=%2Fvendors%3Fq%3Dacme');

    const login = await client.get(anonymous.location as string);
    expect(login.status).toBe(200);
    expect(headings(login.body)).toContain('Sign in');
    expect(controlByLabel(login.body, 'Username')?.name).toBe('username');
    expect(controlByLabel(login.body, 'Password')?.name).toBe('password');
    expect(alerts(login.body)).toEqual([]); // no "expired" message for a first visit

    const signedIn = await client.post('/login', {
      username: 'clerk',
      password: 'clerk-pass',
      next: '/vendors?q=acme',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/vendors?q=acme');
    expect(client.cookie('portal_session')).toBeTruthy();

    const page = await client.get('/vendors?q=acme');
    expect(page.status).toBe(200);
    expect(headings(page.body)).toContain('Vendors');
    expect(page.body).toContain('Signed in as <strong>Clara Clerk</strong>');
  });

  it('refuses a wrong password with an alert and no session', async () => {
    const client = new PortalClient(t.portal.url);
    const refused = await client.signIn('clerk', 'wrong');
    expect(refused.status).toBe(401);
    expect(alerts(refused.body)).toEqual(['Invalid username or password.']);
    expect(client.cookie('portal_session')).toBeUndefined();
    expect((await client.get('/')).status).toBe(303);
  });

  it('never redirects off-site after sign-in', async () => {
    const client = new PortalClient(t.portal.url);
    const signedIn = await client.post('/login', { username: 'bot', password: 'bot-pass', next: '//evil.example/x' });
    expect(signedIn.location).toBe('/');
  });

  it('asks users with a TOTP secret for a code and accepts only a valid one', async () => {
    const client = new PortalClient(t.portal.url);
    const first = await client.post('/login', { username: 'secure', password: 'secure-pass', next: '/invoices' });
    expect(first.status).toBe(303);
    expect(first.location).toBe('/login/totp?next=%2Finvoices');
    // Password alone is not enough: the half-signed-in session is sent back to the code page.
    expect((await client.get('/invoices')).location).toBe('/login/totp?next=%2Finvoices');

    const codePage = await client.get(first.location as string);
    expect(headings(codePage.body)).toContain('Two-factor authentication');
    expect(controlByLabel(codePage.body, 'Authentication code')?.name).toBe('code');

    const wrong = await client.post('/login/totp', { code: '000000', next: '/invoices' });
    expect(wrong.status).toBe(401);
    expect(alerts(wrong.body)).toEqual(['The authentication code is not valid. Try again.']);

    const right = await client.post('/login/totp', {
      code: generateSync({ secret: SECURE_USER_TOTP_SECRET }),
      next: '/invoices',
    });
    expect(right.status).toBe(303);
    expect(right.location).toBe('/invoices');
    expect((await client.get('/invoices')).status).toBe(200);
  });

  it('signs out', async () => {
    const client = new PortalClient(t.portal.url);
    await client.signIn('clerk', 'clerk-pass');
    const out = await client.post('/logout');
    expect(out.location).toBe('/login?signedOut=1');
    expect((await client.get('/')).status).toBe(303);
  });

  it('expires sessions after the configured lifetime, with a visible message', async () => {
    const client = new PortalClient(t.portal.url);
    await client.signIn('clerk', 'clerk-pass');
    expect((await client.get('/vendors')).status).toBe(200);

    await admin(t.portal, 'POST', '/admin/chaos', { sessionTtlSeconds: 1 });
    try {
      await sleep(1100);
      const expired = await client.get('/vendors');
      expect(expired.status).toBe(303);
      expect(expired.location).toBe('/login?next=%2Fvendors&expired=1');
      const login = await client.get(expired.location as string);
      expect(alerts(login.body)).toContain('Your session has expired. Please sign in again.');
      // A form post with an expired session applies nothing and goes to login too.
      const post = await client.post('/vendors', {
        name: 'Late GmbH',
        vatId: 'DE999999999',
        iban: 'DE89370400440532013000',
        email: 'a@b.example',
        address: 'x',
      });
      expect(post.status).toBe(303);
      expect(post.location).toMatch(/^\/login\?next=/);
      expect(
        (await admin<{ vendorsWithVatId: number }>(t.portal, 'GET', '/admin/counts?vatId=DE999999999')).json
          .vendorsWithVatId,
      ).toBe(0);
    } finally {
      await admin(t.portal, 'POST', '/admin/chaos/reset');
    }
  });

  it('expires every session on demand but lets users sign in again', async () => {
    const a = new PortalClient(t.portal.url);
    const b = new PortalClient(t.portal.url);
    await a.signIn('clerk', 'clerk-pass');
    await b.signIn('bot', 'bot-pass');
    const { status } = await admin(t.portal, 'POST', '/admin/chaos', { expireSessionsNow: true });
    expect(status).toBe(200);
    for (const client of [a, b]) {
      const page = await client.get('/');
      expect(page.status).toBe(303);
      expect(page.location).toContain('expired=1');
    }
    await a.signIn('clerk', 'clerk-pass');
    expect((await a.get('/')).status).toBe(200);
  });

  it('serves the health check without a session', async () => {
    const response = await fetch(new URL('/healthz', t.portal.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('rejects admin calls without the token', async () => {
    const response = await fetch(new URL('/admin/counts', t.portal.url));
    expect(response.status).toBe(401);
  });
});
