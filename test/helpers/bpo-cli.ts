import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bpo = resolve(__dirname, '../../bin/bpo');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `bpo` binary as a user would, with these variables over the test's environment. */
export async function runBpo(args: string[], env: Record<string, string>): Promise<CliRun> {
  try {
    const { stdout, stderr } = await run(bpo, args, { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as CliRun;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
