import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import Long from 'long';
import type { Logger } from './logger';
import { resolveTemporalCli, TemporalCliNotFoundError, type TemporalCliSource } from './temporal-cli';

export type SearchAttributeKind = 'Keyword' | 'Text' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList';

export interface DevServerOptions {
  namespace: string;
  /** SQLite file that keeps work across restarts; undefined runs in memory (tests). */
  dbFile?: string;
  /** 0 picks a free port. */
  port: number;
  /** undefined runs headless (no Web UI). */
  uiPort?: number;
  /** The codec server the Web UI asks to decrypt payloads (the API's /codec); without one it shows ciphertext. */
  uiCodecEndpoint?: string;
  searchAttributes: Record<string, SearchAttributeKind>;
  cliPath?: string;
  toolsDir: string;
  logFile?: string;
  startTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  /** true when a server was already listening and is reused as is. */
  reused: boolean;
  source: TemporalCliSource | 'sdk-download' | 'already-running';
  stop(): Promise<void>;
}

const indexedValueType: Record<SearchAttributeKind, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Text: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Int: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Double: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  Bool: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KeywordList: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/** Polls the gRPC endpoint until the server answers, or the child exits, or time runs out. */
async function waitUntilServing(address: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let exited: number | null = null;
  child?.once('exit', (code) => {
    exited = code ?? -1;
  });
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`the Temporal dev server exited with code ${exited} while starting`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`the Temporal server at ${address} did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

/** Creates the namespace and any missing search attributes; running it again changes nothing. */
export async function ensureNamespace(
  address: string,
  namespace: string,
  searchAttributes: Record<string, SearchAttributeKind>,
): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    try {
      await connection.workflowService.describeNamespace({ namespace });
    } catch {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(7 * 24 * 3600) },
      });
    }
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const known = new Set([
      ...Object.keys(existing.customAttributes ?? {}),
      ...Object.keys(existing.systemAttributes ?? {}),
    ]);
    const missing = Object.entries(searchAttributes).filter(([name]) => !known.has(name));
    if (missing.length > 0) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map(([name, kind]) => [name, indexedValueType[kind]])),
      });
    }
  } finally {
    await connection.close();
  }
}

function devServerArgs(options: DevServerOptions, port: number): string[] {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
  ];
  if (options.dbFile) {
    // WAL lets the UI and the server read while the history writer works; NORMAL sync is safe with WAL.
    args.push(
      '--db-filename',
      options.dbFile,
      '--sqlite-pragma',
      'journal_mode=wal',
      '--sqlite-pragma',
      'synchronous=normal',
    );
  }
  if (options.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort), ...uiCodecArgs(options));
  for (const [name, kind] of Object.entries(options.searchAttributes))
    args.push('--search-attribute', `${name}=${kind}`);
  return args;
}

function uiCodecArgs(options: DevServerOptions): string[] {
  return options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : [];
}

/** Starts the server through @temporalio/testing, which downloads the CLI; the last resort where the internet is reachable. */
async function startWithSdkDownload(options: DevServerOptions, port: number): Promise<DevServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download', downloadDir: resolve(options.toolsDir, 'download') },
      ip: '127.0.0.1',
      port,
      namespace: options.namespace,
      dbFilename: options.dbFile,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      extraArgs: [
        ...(options.dbFile ? ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'] : []),
        ...(options.uiPort === undefined ? [] : uiCodecArgs(options)),
      ],
    },
  });
  return {
    address: env.address,
    uiUrl: options.uiPort === undefined ? undefined : `http://127.0.0.1:${options.uiPort}`,
    reused: false,
    source: 'sdk-download',
    stop: () => env.teardown(),
  };
}

/**
 * Makes sure a Temporal dev server answers: reuses one already on the port, else starts the CLI
 * (configured, on PATH, cached, or built with Go), else lets the SDK download it.
 */
export async function ensureDevServer(options: DevServerOptions, logger: Logger): Promise<DevServer> {
  const port = options.port === 0 ? await freePort() : options.port;
  const address = `127.0.0.1:${port}`;
  const uiUrl = options.uiPort === undefined ? undefined : `http://127.0.0.1:${options.uiPort}`;
  const timeout = options.startTimeoutMs ?? 60_000;

  if (options.port !== 0 && (await portIsOpen(port))) {
    try {
      await waitUntilServing(address, 5_000);
    } catch {
      throw new Error(
        `port ${port} is in use by something that is not a Temporal server; set TEMPORAL_DEV_PORT to another port`,
      );
    }
    await ensureNamespace(address, options.namespace, options.searchAttributes);
    logger.info({ address }, 'reusing the Temporal server already running on this port');
    return { address, uiUrl, reused: true, source: 'already-running', stop: async () => {} };
  }

  if (options.dbFile) await mkdir(resolve(options.dbFile, '..'), { recursive: true });
  const problems: string[] = [];
  const cli = await resolveTemporalCli(
    { configuredPath: options.cliPath, toolsDir: options.toolsDir },
    logger,
    problems,
  );
  if (!cli) {
    try {
      logger.info('no local Temporal CLI; trying the SDK download');
      return await startWithSdkDownload(options, port);
    } catch (err) {
      problems.push(`the SDK could not download the CLI: ${(err as Error).message.split('\n')[0]}`);
      throw new TemporalCliNotFoundError(problems);
    }
  }

  const args = devServerArgs(options, port);
  logger.debug({ cli: cli.path, args }, 'starting the Temporal dev server');
  const child = spawn(cli.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile =
    options.logFile ?? (options.dbFile ? join(resolve(options.dbFile, '..'), 'temporal-server.log') : undefined);
  if (logFile) {
    const sink = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(sink);
    child.stderr?.pipe(sink);
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  try {
    await waitUntilServing(address, timeout, child);
    await ensureNamespace(address, options.namespace, options.searchAttributes);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}${logFile ? ` (see ${logFile})` : ''}`);
  }
  logger.info({ address, ui: uiUrl, cli: cli.source }, 'Temporal dev server ready');

  return {
    address,
    uiUrl,
    reused: false,
    source: cli.source,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(killer);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}
