import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The lint rules that keep workflow code deterministic must stay in force. */
describe('lint rules for workflows/', () => {
  it('forbids Node built-ins, activity code, Math.random, Date.now and timers', async () => {
    const eslint = new ESLint({ cwd: resolve(__dirname, '..') });
    const code = [
      "import { readFile } from 'node:fs';",
      "import { createLedgerActivities } from '../activities/invoices';",
      'export const roll = Math.random() + Date.now();',
      'setTimeout(() => [readFile, createLedgerActivities], 1);',
    ].join('\n');
    const [result] = await eslint.lintText(code, { filePath: resolve(__dirname, '../workflows/probe.ts') });
    const rules = result?.messages.map((m) => m.ruleId) ?? [];
    expect(rules.filter((r) => r === '@typescript-eslint/no-restricted-imports')).toHaveLength(2);
    expect(rules.filter((r) => r === 'no-restricted-properties')).toHaveLength(2);
    expect(rules).toContain('no-restricted-globals');
  });

  it('allows type-only imports of activities', async () => {
    const eslint = new ESLint({ cwd: resolve(__dirname, '..') });
    const code =
      "import type { createLedgerActivities } from '../activities/invoices';\nexport type L = ReturnType<typeof createLedgerActivities>;\n";
    const [result] = await eslint.lintText(code, { filePath: resolve(__dirname, '../workflows/probe.ts') });
    expect(result?.messages).toEqual([]);
  });
});
