import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal as proto } from '@temporalio/proto';
import type { Worker } from '@temporalio/worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorVerifyKeys } from '../../platform/actor-keys';
import { createNotifyActivities } from '../../activities/engine/notify';
import { createPurchasingActivities } from '../../activities/purchasing';
import { createTaskStoreActivities } from '../../activities/engine/tasks';
import { startApiServer } from '../../client/api/server';
import { loadConfig } from '../../platform/config';
import { dataConverter } from '../../platform/data-converter';
import { KEY_ID_METADATA } from '../../platform/payload-codec/aes-gcm-codec';
import { DEV_PAYLOAD_KEY_ENTRY, DEV_PAYLOAD_KEY_ID } from '../../platform/payload-codec/keys';
import type { TaskStore } from '../../platform/task-store/task-store';
import { temporalLoggerFrom } from '../../platform/temporal-runtime';
import { callApi, eventually, login, taskPath, type ApiSession } from '../helpers/attended';
import { startStandaloneTask } from '../helpers/standalone-task';
import { openTestTaskStore } from '../helpers/task-stores';
import { connectTestTemporal, installTestRuntime, type TestTemporal } from '../helpers/temporal';

/** Personal data planted in a request, in the spelling people type and in the compact one detectors see. */
const planted = {
  iban: 'DE89 3704 0044 0532 0130 00',
  card: '4111 1111 1111 1111',
  email: 'jane.doe@example.org',
};
const forbidden = [...Object.values(planted), 'DE89370400440532013000', '4111111111111111'];
const justification = `Refund to ${planted.iban}, card ${planted.card}, questions to ${planted.email}`;

/** Every line the API, the workers and the workflows log during the file, at debug level. */
const logLines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(chunk.toString('utf8'));
    done();
  },
});
const logger = pino({ level: 'debug' }, capture);

let temporal: TestTemporal;
let store: TaskStore;
let worker: Worker;
let running: Promise<void>;
let api: { url: string; close(): Promise<void> };
let dataDir: string;
let sessions: Record<'clerk' | 'approver' | 'auditor' | 'admin', ApiSession>;
let workflowId: string;
let taskId: string;
const uiOrigin = 'http://127.0.0.1:8233';

beforeAll(async () => {
  // Before connecting: the Runtime logger is installed once per process, and this file reads what it writes.
  installTestRuntime(temporalLoggerFrom(logger));
  temporal = await connectTestTemporal();
  store = await openTestTaskStore('pglite');
  dataDir = await mkdtemp(join(tmpdir(), 'payload-encryption-'));
  const taskQueue = temporal.newTaskQueue('encrypted');
  worker = await temporal.createWorker({
    taskQueue,
    activities: {
      ...createTaskStoreActivities({ store }),
      ...createNotifyActivities({}),
      ...createPurchasingActivities({ dir: join(dataDir, 'purchasing') }),
    },
  });
  running = worker.run();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
  api = await startApiServer({ config, client: temporal.client, store, logger, port: 0, taskQueue });
  const [clerk, approver, auditor, admin] = await Promise.all(
    ['clerk', 'approver', 'auditor', 'admin'].map((name) => login(api.url, name)),
  );
  sessions = { clerk: clerk!, approver: approver!, auditor: auditor!, admin: admin! };

  // A purchase request whose justification and approval comment carry the planted data, run to its end.
  const started = await sessions.clerk.call('POST', '/api/processes/purchase-request/start', {
    input: { item: `Refund for ${planted.email}`, amount: 300, currency: 'EUR', justification },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  workflowId = started.body.workflowId;
  taskId = `${workflowId}:task:approval`;
  await eventually(() => store.getTask(taskId), `task ${taskId} in the store`);
  expect((await sessions.approver.call('POST', `${taskPath(taskId)}/claim`)).status).toBe(200);
  const done = await sessions.approver.call('POST', `${taskPath(taskId)}/complete`, {
    data: { decision: 'approve', comment: `paid to ${planted.iban}` },
    comment: `checked ${planted.card} with ${planted.email}`,
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  await temporal.client.workflow.getHandle(workflowId).result();
});

afterAll(async () => {
  await api?.close();
  worker?.shutdown();
  await running;
  await store?.close();
  await temporal?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The history as the server stores and sends it: no data converter in between. */
async function rawHistory(id: string) {
  const events: proto.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await temporal.client.workflowService.getWorkflowExecutionHistory({
      namespace: temporal.namespace,
      execution: { workflowId: id },
      nextPageToken,
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  const bytes = proto.api.history.v1.History.encode({ events }).finish();
  return { events, text: Buffer.from(bytes).toString('latin1') };
}

/** Description and visibility listing as the server answers them: search attributes and memo included. */
async function rawVisibility(id: string): Promise<string> {
  const service = temporal.client.workflowService;
  const described = await service.describeWorkflowExecution({
    namespace: temporal.namespace,
    execution: { workflowId: id },
  });
  const listed = await service.listWorkflowExecutions({
    namespace: temporal.namespace,
    query: `WorkflowId = '${id}'`,
  });
  const bytes = [
    proto.api.workflowservice.v1.DescribeWorkflowExecutionResponse.encode(described).finish(),
    proto.api.workflowservice.v1.ListWorkflowExecutionsResponse.encode(listed).finish(),
  ];
  return bytes.map((b) => Buffer.from(b).toString('latin1')).join('\n');
}

/** Every payload in the events with where it sits, found by shape (metadata and data) at any depth. */
function payloadsOf(value: unknown, path = ''): { path: string; encoding: string }[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return [];
  const record = value as Record<string, unknown>;
  if (record.metadata && typeof record.metadata === 'object' && 'encoding' in record.metadata) {
    const encoding = Buffer.from((record.metadata as Record<string, Uint8Array>).encoding!).toString();
    return [{ path, encoding }];
  }
  return Object.entries(record).flatMap(([key, child]) => payloadsOf(child, `${path}.${key}`));
}

const expectNonePlanted = (text: string) => {
  for (const value of forbidden) expect(text, `"${value}" must not appear`).not.toContain(value);
};

/** The first payload of a run's start event, in the codec protocol's JSON form. */
async function startPayloadJson(id: string) {
  const { events } = await rawHistory(id);
  const payload = events[0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  };
}

describe('item 5: payloads at rest in Temporal are encrypted', () => {
  it('item 5: a planted IBAN, e-mail and card number never appear in the raw history bytes of the process or its task', async () => {
    for (const id of [workflowId, taskId]) {
      const { events, text } = await rawHistory(id);
      expect(events.length).toBeGreaterThan(5);
      expectNonePlanted(text);
      // Encrypted, not merely absent: every payload names its key, and the typed client still reads them.
      const payloads = payloadsOf(events);
      expect(payloads.length).toBeGreaterThan(3);
      // Search attributes stay clear for the server to index (checked below), and so do what the SDK's core writes
      // into markers itself: a patch's name, and a local activity's bookkeeping (sequence, type, times), whose
      // result sits sealed beside it. Every other payload is sealed.
      const exempt = /searchAttributes|markerRecordedEventAttributes\.details\.(patch-data|data)\./;
      const clear = payloads.filter((p) => !exempt.test(p.path) && p.encoding !== 'binary/encrypted');
      expect(clear.map((p) => `${p.path}: ${p.encoding}`)).toEqual([]);
    }
    const result = await temporal.client.workflow.getHandle(workflowId).result();
    expect(result).toMatchObject({ decision: 'approve', comment: expect.stringContaining(planted.iban) });
  });

  it('item 5: nor in search attributes or memos (describe and visibility list)', async () => {
    for (const id of [workflowId, taskId]) expectNonePlanted(await rawVisibility(id));
  });

  it('item 5: nor in what the API, the workers and the workflows logged while the request ran', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expectNonePlanted(logLines.join('\n'));
  });
});

describe('item 5: failures at rest in Temporal are encrypted', () => {
  it('item 5: an error that quotes the data it failed on keeps message and stack trace inside the encrypted payload', async () => {
    const queue = temporal.newTaskQueue('failing');
    const failing = await temporal.createWorker({
      taskQueue: queue,
      activities: {
        ...createNotifyActivities({}),
        // The task loads the keys it verifies actors with as it opens.
        async actorVerifyKeys() {
          return actorVerifyKeys();
        },
        // A store write that fails the way careless code does: the error quotes the record.
        async upsertTaskRecord(task: { title: string }): Promise<never> {
          throw ApplicationFailure.nonRetryable(`cannot store "${task.title}"`, 'StoreRefused');
        },
      },
    });
    const handle = await startStandaloneTask(temporal.client, queue, 'failing', { title: `Pay ${justification}` });
    try {
      const text = await failing.runUntil(async () => {
        let seen = '';
        await expect
          .poll(async () => {
            const { events, text } = await rawHistory(handle.workflowId);
            seen = text;
            return (
              events.some((e) => e.activityTaskFailedEventAttributes) &&
              events.some((e) => e.workflowTaskFailedEventAttributes)
            );
          })
          .toBe(true);
        return seen;
      });
      expectNonePlanted(text);
      expect(text).toContain('Encoded failure');
      expectNonePlanted(await rawVisibility(handle.workflowId));
    } finally {
      await handle.terminate('test over');
    }
  });
});

describe('item 7: the codec server (/codec/decode, /codec/encode) decodes only for admins and auditors', () => {
  it('item 7: answers 401 without a session and 403 to a clerk, and decodes nothing for them', async () => {
    const body = { payloads: [await startPayloadJson(workflowId)] };
    const anonymous = await callApi(api.url, 'POST', '/codec/decode', body);
    expect(anonymous.status).toBe(401);
    // Refused before the body is read: a stranger's malformed body still gets 401, not a validation answer.
    expect((await callApi(api.url, 'POST', '/codec/decode', { payloads: 'x'.repeat(100_000) })).status).toBe(401);
    const clerk = await sessions.clerk.call('POST', '/codec/decode', body);
    expect(clerk).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expectNonePlanted(JSON.stringify([anonymous.body, clerk.body]));
    // Encoding needs an admin: an auditor reads but does not write payloads.
    expect((await sessions.auditor.call('POST', '/codec/encode', body)).status).toBe(403);
  });

  it('item 7: decodes for an auditor: the planted data comes back in clear', async () => {
    const res = await sessions.auditor.call('POST', '/codec/decode', {
      payloads: [await startPayloadJson(workflowId)],
    });
    expect(res.status).toBe(200);
    const [payload] = res.body.payloads;
    expect(Buffer.from(payload.metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(payload.data, 'base64').toString())).toMatchObject({ justification });
  });

  it('item 7: round-trips through encode (admin) and decode, and names an unknown key id', async () => {
    const clear = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: btoa('"hello"') };
    const encoded = await sessions.admin.call('POST', '/codec/encode', { payloads: [clear] });
    expect(encoded.status).toBe(200);
    expect(Buffer.from(encoded.body.payloads[0].metadata[KEY_ID_METADATA], 'base64').toString()).toBe(
      DEV_PAYLOAD_KEY_ID,
    );
    const decoded = await sessions.admin.call('POST', '/codec/decode', encoded.body);
    expect(decoded.body.payloads).toEqual([clear]);
    const foreign = structuredClone(encoded.body);
    foreign.payloads[0].metadata[KEY_ID_METADATA] = btoa('retired-2020');
    expect(await sessions.admin.call('POST', '/codec/decode', foreign)).toMatchObject({
      status: 422,
      body: { error: { code: 'codec_failed', message: expect.stringContaining('"retired-2020"') } },
    });
  });

  it("item 7: answers the Temporal UI's CORS preflight, and refuses other origins", async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/codec/decode`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-namespace,authorization',
        },
      });
    const ui = await preflight(uiOrigin);
    expect(ui.status).toBe(204);
    expect(ui.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(ui.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ui.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ui.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-namespace');

    const evil = await preflight('http://127.0.0.1:9999');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();

    // The real request from the UI's origin, with the auditor's session and the namespace header.
    const body = JSON.stringify({ payloads: [await startPayloadJson(workflowId)] });
    const post = (origin: string) =>
      fetch(`${api.url}/codec/decode`, {
        method: 'POST',
        headers: {
          origin,
          'content-type': 'application/json',
          'x-namespace': temporal.namespace,
          authorization: `Bearer ${sessions.auditor.token}`,
        },
        body,
      });
    const fromUi = await post(uiOrigin);
    expect(fromUi.status).toBe(200);
    expect(fromUi.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    const fromElsewhere = await post('http://127.0.0.1:9999');
    expect(fromElsewhere.status).toBe(403);
    expectNonePlanted(await fromElsewhere.text());
  });
});

describe('item 5: key rotation against the server', () => {
  it('item 5: a run started under the old key is finished by workers holding both: new payloads use the new key', async () => {
    const rotatedConverter = dataConverter(
      loadConfig({ PAYLOAD_KEYS: `${DEV_PAYLOAD_KEY_ENTRY},rotated-2026:${randomBytes(32).toString('base64')}` }),
    );
    const queue = temporal.newTaskQueue('rotated');
    // Started by a client that holds only the old (development) key; the task expires on its own, no one acts.
    const handle = await startStandaloneTask(temporal.client, queue, 'rotation', {
      title: `Check ${planted.iban}`,
      sla: { dueIn: '1 second', expireAfter: '1 second' },
    });
    const rotatedWorker = await temporal.createWorker({
      taskQueue: queue,
      dataConverter: rotatedConverter,
      activities: { ...createTaskStoreActivities({ store }), ...createNotifyActivities({}) },
    });
    const rotated = new Client({
      connection: temporal.client.connection,
      namespace: temporal.namespace,
      dataConverter: rotatedConverter,
    });
    const outcome = await rotatedWorker.runUntil(rotated.workflow.getHandle(handle.workflowId).result());
    expect(outcome).toMatchObject({ outcome: 'expired' });

    const { events, text } = await rawHistory(handle.workflowId);
    expectNonePlanted(text);
    const keyIds = (payloads: proto.api.common.v1.IPayload[] | null | undefined) =>
      (payloads ?? []).map((p) => Buffer.from(p.metadata?.[KEY_ID_METADATA] ?? []).toString());
    expect(keyIds(events[0]!.workflowExecutionStartedEventAttributes?.input?.payloads)).toEqual([DEV_PAYLOAD_KEY_ID]);
    const written = events.flatMap((e) => [
      ...keyIds(e.activityTaskScheduledEventAttributes?.input?.payloads),
      ...keyIds(e.workflowExecutionCompletedEventAttributes?.result?.payloads),
    ]);
    expect(written.length).toBeGreaterThan(1);
    expect(new Set(written)).toEqual(new Set(['rotated-2026']));
    // A client without the new key cannot read the result, and says which key it lacks.
    await expect(temporal.client.workflow.getHandle(handle.workflowId).result()).rejects.toThrow(/key "rotated-2026"/);
  });
});
