import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
async function lint(code: string, file: string) {
  const [result] = await new ESLint({ cwd: root }).lintText(code, { filePath: resolve(root, file) });
  return result?.messages ?? [];
}

/** The lint rules that keep workflow code deterministic must stay in force. */
describe('lint rules for workflows/', () => {
  it('forbids Node built-ins, activity code, Math.random, Date.now and timers', async () => {
    const code = [
      "import { readFile } from 'node:fs';",
      "import { createLedgerActivities } from '../../activities/invoices/ledger';",
      'export const roll = Math.random() + Date.now();',
      'setTimeout(() => [readFile, createLedgerActivities], 1);',
    ].join('\n');
    const rules = (await lint(code, 'workflows/invoices/probe.ts')).map((m) => m.ruleId);
    expect(rules.filter((r) => r === '@typescript-eslint/no-restricted-imports')).toHaveLength(2);
    expect(rules.filter((r) => r === 'no-restricted-properties')).toHaveLength(2);
    expect(rules).toContain('no-restricted-globals');
  });

  it('allows type-only imports of activities', async () => {
    const code =
      "import type { createLedgerActivities } from '../../activities/invoices/ledger';\nexport type L = ReturnType<typeof createLedgerActivities>;\n";
    expect(await lint(code, 'workflows/invoices/probe.ts')).toEqual([]);
  });
});

describe('lint rules for processes', () => {
  const boundaryErrors = async (code: string, file: string) =>
    (await lint(code, file)).filter((m) => m.ruleId === 'bpo/process-boundaries').map((m) => m.message);

  it('the engine never imports a process', async () => {
    const code = "import { payrollForms } from '../payroll/forms';\nexport const f = payrollForms;\n";
    expect(await boundaryErrors(code, 'schemas/engine/probe.ts')).toEqual([
      'the engine never imports a process: ../payroll/forms belongs to payroll (read processes/installed.ts instead)',
    ]);
    const worker = "import { payroll } from '../processes/payroll';\nexport const p = payroll;\n";
    expect(await boundaryErrors(worker, 'workers/probe.ts')).toHaveLength(1);
  });

  it('a process reaches the engine only through its entry points, not the files inside them', async () => {
    const code = [
      "import { humanTask } from '../engine/human-task/request';",
      "import { botSteps } from '../engine';",
      "import { BpoStatus } from '../engine/search-attributes';",
      'export const all = [humanTask, botSteps, BpoStatus];',
    ].join('\n');
    expect(await boundaryErrors(code, 'workflows/payroll/probe.ts')).toEqual([
      "process payroll may import the engine only through its entry points: ../engine/human-task/request is inside one (import its folder's index)",
    ]);
    // The engine's own files may reach anywhere inside it.
    expect(await boundaryErrors(code, 'workflows/engine/probe.ts')).toEqual([]);
  });

  it('a process does not import another process, but may use the engine and the list of installed processes', async () => {
    const code = [
      "import { payrollForms } from '../../schemas/payroll/forms';",
      "import { formSchema } from '../../schemas/engine/forms';",
      "import { createPortalActivities } from '../../activities/data-entry';",
      'export const all = [payrollForms, formSchema, createPortalActivities];',
    ].join('\n');
    expect(await boundaryErrors(code, 'client/invoices/probe.ts')).toEqual([
      'process invoices may not import process payroll (../../schemas/payroll/forms); share through the engine instead',
      'process invoices may not import process data-entry (../../activities/data-entry); share through the engine instead',
    ]);
    const engine =
      "import { installedProcesses } from '../processes/installed';\nexport const p = installedProcesses;\n";
    expect(await boundaryErrors(engine, 'workers/probe.ts')).toEqual([]);
  });
});

describe('lint rules for demo/', () => {
  const demoErrors = async (code: string, file: string) =>
    (await lint(code, file)).filter((m) => m.ruleId === 'bpo/demo-boundary').map((m) => m.message);

  it('product code never imports the demo portal, by any kind of import', async () => {
    const code = [
      "import { startPortal } from '../demo/portal/server';",
      "import type { ChaosSettings } from '../demo/portal/chaos';",
      "export * from '../demo/portal/config';",
      "export type Store = typeof import('../demo/portal/store');",
      "export const later = () => import('../demo/portal/start-from-env');",
      "export const legacy = require('../demo/portal/logger');",
      'export const all = [startPortal, {} as ChaosSettings];',
    ].join('\n');
    const errors = await demoErrors(code, 'client/probe.ts');
    expect(errors).toHaveLength(6);
    expect(errors[0]).toBe(
      "product code never imports the demo (../demo/portal/server): reach its system by URL, as a client's (PORTAL_URL)",
    );
    const elsewhere = {
      'workers/probe.ts': '../demo/portal/server',
      'activities/engine/probe.ts': '../../demo/portal/server',
      'processes/probe.ts': '../demo/portal/server',
    };
    for (const [file, specifier] of Object.entries(elsewhere))
      expect(await demoErrors(`export * from '${specifier}';\n`, file), file).toHaveLength(1);
  });

  it('tests, benchmarks and scripts may use it as a fixture', async () => {
    const code = "import { startPortal } from '../demo/portal/server';\nexport const s = startPortal;\n";
    for (const file of ['test/probe.ts', 'bench/probe.ts', 'scripts/probe.ts'])
      expect(await demoErrors(code, file), file).toEqual([]);
  });
});
