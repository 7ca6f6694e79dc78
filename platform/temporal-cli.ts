import { access, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { Logger } from './logger';

const execFileAsync = promisify(execFile);

/** The newest CLI release that `go install` accepts; pinned so every machine runs the same server. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export type TemporalCliSource = 'config' | 'path' | 'tools' | 'go-install';
export interface ResolvedTemporalCli {
  path: string;
  source: TemporalCliSource;
}

export class TemporalCliNotFoundError extends Error {
  constructor(details: string[]) {
    super(
      [
        'No Temporal CLI found, and none could be built or downloaded.',
        ...details.map((d) => `  - ${d}`),
        'Fix one of these:',
        '  - install Go (https://go.dev/dl/) and run npm start again: it builds the CLI once into the tools folder;',
        `  - or run: GOBIN="$PWD/.tools/bin" go install ${TEMPORAL_CLI_MODULE}`,
        '  - or install the Temporal CLI (https://docs.temporal.io/cli) and put `temporal` on PATH, or set TEMPORAL_CLI_PATH;',
        '  - or point at an existing cluster with TEMPORAL_ADDRESS=host:port.',
      ].join('\n'),
    );
    this.name = 'TemporalCliNotFoundError';
  }
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Builds the CLI with `go install` into `<toolsDir>/bin`; the first build takes minutes, later runs reuse it. */
async function goInstall(goBinary: string, binDir: string, logger: Logger): Promise<void> {
  await mkdir(binDir, { recursive: true });
  logger.info(
    { module: TEMPORAL_CLI_MODULE, binDir },
    'building the Temporal CLI with go install (first run only; takes a few minutes)',
  );
  const started = Date.now();
  await new Promise<void>((done, fail) => {
    const child = spawn(goBinary, ['install', TEMPORAL_CLI_MODULE], {
      env: { ...process.env, GOBIN: binDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    // Long builds look hung without a sign of life.
    const progress = setInterval(
      () => logger.info({ seconds: Math.round((Date.now() - started) / 1000) }, 'still building the Temporal CLI'),
      30_000,
    );
    child.on('error', (err) => {
      clearInterval(progress);
      fail(err);
    });
    child.on('exit', (code) => {
      clearInterval(progress);
      if (code === 0) done();
      else fail(new Error(`go install ${TEMPORAL_CLI_MODULE} exited with ${code}:\n${stderr}`));
    });
  });
  logger.info({ seconds: Math.round((Date.now() - started) / 1000) }, 'Temporal CLI built');
}

/**
 * Finds the `temporal` binary: configured path, then PATH, then the tools folder, then builds it with Go.
 * Returns undefined when none of these works, so the caller can fall back to the SDK's download.
 */
export async function resolveTemporalCli(
  options: { configuredPath?: string; toolsDir: string; allowBuild?: boolean },
  logger: Logger,
  problems: string[] = [],
): Promise<ResolvedTemporalCli | undefined> {
  if (options.configuredPath) {
    if (await isExecutable(options.configuredPath)) return { path: resolve(options.configuredPath), source: 'config' };
    throw new Error(`TEMPORAL_CLI_PATH=${options.configuredPath} is not an executable file`);
  }
  const onPath = await findOnPath('temporal');
  if (onPath) return { path: onPath, source: 'path' };
  problems.push('`temporal` is not on PATH');

  const binDir = resolve(options.toolsDir, 'bin');
  const cached = join(binDir, 'temporal');
  if (await isExecutable(cached)) return { path: cached, source: 'tools' };
  problems.push(`no cached build at ${cached}`);

  if (options.allowBuild === false) return undefined;
  const go =
    (await findOnPath('go')) ?? ((await isExecutable('/usr/local/go/bin/go')) ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    problems.push('Go is not installed, so the CLI cannot be built');
    return undefined;
  }
  try {
    await goInstall(go, binDir, logger);
    return { path: cached, source: 'go-install' };
  } catch (err) {
    problems.push(`building with Go failed: ${(err as Error).message.split('\n').slice(0, 6).join(' ')}`);
    return undefined;
  }
}

export async function temporalCliVersion(path: string): Promise<string> {
  const { stdout } = await execFileAsync(path, ['--version']);
  return stdout.trim();
}
