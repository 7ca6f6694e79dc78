import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { failureConverterPath } from '../platform/data-converter';
import { createLogger } from '../platform/logger';
import { workflowEntryPath } from '../workers/workflow-entry';
import { startThrowawayDevServer } from './helpers/throwaway-dev-server';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalNamespace: string;
    workflowBundlePath: string;
  }
}

export const TEST_NAMESPACE = 'bpo-test';

/**
 * One Temporal dev server for the whole run, found the same way `npm start` finds it (config, PATH, tools
 * folder, Go build, SDK download), in memory, on a free port. The workflow bundle is built once as well.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = createLogger(
    { LOG_LEVEL: process.env.LOG_LEVEL === undefined ? 'warn' : (process.env.LOG_LEVEL as 'warn'), LOG_FORMAT: 'json' },
    'test',
  );
  const dir = await mkdtemp(join(tmpdir(), 'bpo-test-'));
  const bundlePath = join(dir, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({
    workflowsPath: workflowEntryPath(),
    // Workflows encode failures as every worker does: message and stack trace inside the encrypted payload.
    failureConverterPath,
    logger: quietBundlerLogger,
  });
  await writeFile(bundlePath, code);
  const server = await startThrowawayDevServer(TEST_NAMESPACE, logger);

  project.provide('temporalAddress', server.address);
  project.provide('temporalNamespace', TEST_NAMESPACE);
  project.provide('workflowBundlePath', bundlePath);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

const noop = () => {};
const quietBundlerLogger = {
  log: noop,
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: (m: string) => console.error(m),
};
