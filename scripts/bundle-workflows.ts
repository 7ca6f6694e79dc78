/**
 * `npm run build` step: bundles the workflow code once, so production workers load the exact code that was
 * tested instead of running webpack at start-up (WORKFLOW_BUNDLE_PATH, default dist/workflow-bundle.js).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { loadConfig } from '../platform/config';
import { failureConverterPath } from '../platform/data-converter';
import { workflowEntryPath } from '../workers/workflow-entry';

async function main(): Promise<void> {
  const config = loadConfig();
  const out = resolve(config.WORKFLOW_BUNDLE_PATH);
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowEntryPath(), failureConverterPath });
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, code);
  console.log(`workflow bundle written to ${out} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
