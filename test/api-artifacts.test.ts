/**
 * Bot evidence through the API: files the folder artifact store saved are served to signed-in users (bearer or
 * the session cookie an <img> sends) with safe headers, nothing outside the artifacts folder is ever served, and
 * a task's file:// evidence comes back as links to that route.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolderArtifactStore, type ArtifactRef } from '../activities/engine/artifacts/artifact-store';
import {
  callApi,
  eventually,
  login,
  taskPath,
  type ApiSession,
  type AttendedStack,
  startAttendedStack,
} from './helpers/attended';
import { startStandaloneTask } from './helpers/standalone-task';
import { connectTestTemporal, type TestTemporal } from './helpers/temporal';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const SECRET = 'outside-the-artifacts-folder';

let temporal: TestTemporal;
let stack: AttendedStack;
let approver: ApiSession;
let group: string;
const saved: Record<string, ArtifactRef> = {};
let outsideFile: string;
let caseTask: Awaited<ReturnType<typeof startStandaloneTask>>;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  stack = await startAttendedStack(temporal);
  approver = await login(stack.url, 'approver');
  // The files belong to a case whose task is offered to approvers and clerks, so both may read them.
  caseTask = await startStandaloneTask(temporal.client, stack.taskQueue, 'evidence-case', {
    candidates: { roles: ['approver', 'clerk'] },
  });
  const owner = {
    caseId: (await eventually(() => stack.store.getTask(caseTask.workflowId), 'the case task')).processWorkflowId,
  };
  const store = createFolderArtifactStore(stack.artifactsDir);
  group = `2026-01-05T10-00-00-000Z-${randomUUID()}-enter-vendor`;
  saved.png = await store.save(group, 'screenshot.png', PNG, owner);
  saved.html = await store.save(
    group,
    'page.html',
    '<html><body><script>fetch("/api/me")</script>portal</body></html>',
    owner,
  );
  saved.zip = await store.save(group, 'trace.zip', Buffer.from('PK\u0003\u0004 not really a zip'), owner);
  saved.txt = await store.save(group, 'error.txt', 'TimeoutError: the portal did not answer\n', owner);
  // A file next to the artifacts folder, and a link inside the folder that points at it.
  outsideFile = join(dirname(stack.artifactsDir), 'secret.txt');
  await writeFile(outsideFile, SECRET);
  await mkdir(join(stack.artifactsDir, 'links'), { recursive: true });
  await symlink(outsideFile, join(stack.artifactsDir, 'links', 'secret.txt'));
});
afterAll(async () => {
  await caseTask?.terminate('test done');
  await stack?.stop();
  await temporal?.close();
});

const artifactPath = (name: string) => `/api/artifacts/${group}/${name}`;

/** A request with the path exactly as written: fetch would resolve `..` before sending. */
function rawGet(path: string, token: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /api/artifacts/:group/:name', () => {
  it('refuses without a session (401)', async () => {
    const res = await fetch(`${stack.url}${artifactPath('screenshot.png')}`);
    expect(res.status).toBe(401);
  });

  it('serves a saved screenshot with its bytes and safe headers, by bearer token and by the session cookie', async () => {
    const res = await fetch(`${stack.url}${artifactPath('screenshot.png')}`, {
      headers: { authorization: `Bearer ${approver.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);

    const loginRes = await fetch(`${stack.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk', password: 'clerk-pass' }),
    });
    const cookie = (loginRes.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const byCookie = await fetch(`${stack.url}${artifactPath('screenshot.png')}`, { headers: { cookie } });
    expect(byCookie.status).toBe(200);
    expect(Buffer.from(await byCookie.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('sandboxes page HTML, offers traces as downloads and serves error text as text', async () => {
    const get = (name: string) =>
      fetch(`${stack.url}${artifactPath(name)}`, { headers: { authorization: `Bearer ${approver.token}` } });
    const html = await get('page.html');
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toMatch(/^sandbox;.*default-src 'none'/);
    expect(await html.text()).toContain('portal');

    const zip = await get('trace.zip');
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(zip.headers.get('content-disposition')).toBe('attachment; filename="trace.zip"');

    const txt = await get('error.txt');
    expect(txt.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await txt.text()).toBe('TimeoutError: the portal did not answer\n');
  });

  it('never serves a file outside the artifacts folder: traversal is refused, unknown files and links out are 404', async () => {
    const attempts = [
      '/api/artifacts/../secret.txt',
      `/api/artifacts/${group}/../../secret.txt`,
      '/api/artifacts/%2e%2e/secret.txt',
      `/api/artifacts/${group}/..%2F..%2Fsecret.txt`,
      `/api/artifacts/${group}/%2e%2e%2f%2e%2e%2fsecret.txt`,
      '/api/artifacts/%252e%252e/secret.txt',
      `/api/artifacts/%2F${encodeURIComponent(dirname(outsideFile).slice(1))}/secret.txt`,
      `/api/artifacts/${group}/.secret`,
    ];
    for (const path of attempts) {
      const res = await rawGet(path, approver.token);
      expect([404, 422], path).toContain(res.status);
      expect(res.body, path).not.toContain(SECRET);
    }
    // A malformed name is an invalid request that names the field.
    const bad = await rawGet('/api/artifacts/%2e%2e/secret.txt', approver.token);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { code: 'invalid_request', fields: [{ path: 'group' }] } });

    const link = await rawGet('/api/artifacts/links/secret.txt', approver.token);
    expect(link.status).toBe(404);
    expect(link.body).not.toContain(SECRET);
    expect((await rawGet(artifactPath('missing.png'), approver.token)).status).toBe(404);
  });

  it('is in the OpenAPI document with its parameters', async () => {
    const doc = await callApi(stack.url, 'GET', '/api/openapi.json');
    const route = doc.body.paths['/api/artifacts/{group}/{name}'];
    expect(route.get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['group', 'name']);
  });
});

describe('evidence on a task', () => {
  it('links file:// evidence through the artifacts route, keeps web links and marks files outside the folder unavailable', async () => {
    const handle = await startStandaloneTask(temporal.client, stack.taskQueue, 'evidence-test', {
      key: 'fix',
      type: 'data-entry-exception',
      title: 'Fix the rejected row',
      evidence: [
        { label: 'Screenshot of the portal page', url: saved.png!.uri, kind: 'screenshot' },
        { label: 'Page HTML', url: saved.html!.uri, kind: 'html' },
        { label: 'Vendor record', url: 'https://erp.example.com/vendors/42', kind: 'link' },
        { label: 'Somewhere else', url: `file://${outsideFile}`, kind: 'document' },
      ],
    });
    await eventually(() => stack.store.getTask(handle.workflowId), 'the task row');

    const detail = await approver.call('GET', taskPath(handle.workflowId));
    expect(detail.body.evidence).toEqual([
      { label: 'Screenshot of the portal page', url: artifactPath('screenshot.png'), kind: 'screenshot' },
      { label: 'Page HTML', url: artifactPath('page.html'), kind: 'html' },
      { label: 'Vendor record', url: 'https://erp.example.com/vendors/42', kind: 'link' },
      { label: 'Somewhere else', url: null, unavailable: expect.any(String), kind: 'document' },
    ]);
    expect(JSON.stringify(detail.body)).not.toContain('file://');

    const image = await fetch(`${stack.url}${detail.body.evidence[0].url}`, {
      headers: { authorization: `Bearer ${approver.token}` },
    });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    await handle.terminate('test done');
  });
});
