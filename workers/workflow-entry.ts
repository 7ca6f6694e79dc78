import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProcessDefinition } from '../processes/define-process';
import { installedProcesses } from '../processes/installed';

const engineWorkflows = join(__dirname, '../workflows/engine/workflows');

/**
 * The workflow bundle's entry, written from the list of installed processes: the engine's workflows and each
 * process's. The file is named by its content, so workers started from the same list share it.
 */
export function workflowEntryPath(
  processes: readonly ProcessDefinition[] = installedProcesses,
  /** More workflow modules to bundle beside them (benchmarks' and tests' own workflows). */
  extra: readonly string[] = [],
): string {
  const lines = [engineWorkflows, ...processes.map((p) => p.workflowsPath), ...extra].map(
    (path) => `export * from ${JSON.stringify(path)};`,
  );
  const text = `// Written from processes/installed.ts: the engine's workflows and every installed process's.\n${lines.join('\n')}\n`;
  // Inside node_modules, so the bundler finds the SDK's own modules from the entry as it does from the sources.
  const nodeModules = dirname(dirname(dirname(require.resolve('@temporalio/workflow/package.json'))));
  const dir = join(nodeModules, '.cache', 'bpo-engine-workflows');
  const file = join(dir, `workflows-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.ts`);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
  }
  return file;
}
