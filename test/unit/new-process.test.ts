import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installIn, namesOf, newProcessOptions } from '../../client/cli/commands/new-process';

const root = resolve(__dirname, '../..');
const problem = (name: string) => {
  const parsed = newProcessOptions(root).safeParse({ name });
  return parsed.success ? undefined : parsed.error.issues.map((i) => i.message).join('; ');
};

describe('bpo new process: names', () => {
  it('derives the identifiers and a title from a kebab-case name', () => {
    expect(namesOf('expense-claim')).toEqual({
      name: 'expense-claim',
      camel: 'expenseClaim',
      pascal: 'ExpenseClaim',
      title: 'Expense claim',
    });
    expect(namesOf('po', 'Purchase orders').title).toBe('Purchase orders');
  });

  it('accepts a free kebab-case name', () => {
    expect(problem('expense-claim')).toBeUndefined();
  });

  it.each([
    ['Expense_Claim', 'must be lower-case kebab-case, like expense-claim'],
    ['expense--claim', 'must be lower-case kebab-case, like expense-claim'],
    ['engine', "engine is the engine's own folder in each layer"],
    ['systems', "systems is the engine's own folder in each layer"],
    ['purchasing', 'process purchasing exists already (processes/purchasing.ts)'],
    ['approval', 'a form named approval is registered already'],
    ['new', 'new is a reserved word: its declaration could not be named so'],
    ['purchase', 'recordPurchaseDecision is already used in workflows/purchasing/purchase-request.ts'],
    ['install', 'install is already used in processes/installed.ts'],
  ])('refuses %s', (name, message) => {
    expect(problem(name)).toBe(message);
  });
});

describe('bpo new process: the list of installed processes', () => {
  const list = [
    "import type { ProcessDefinition } from './define-process';",
    "import { invoices } from './invoices';",
    "import { tickets } from './tickets';",
    '',
    'export const installedProcesses = install([invoices, tickets]);',
  ].join('\n');

  it('imports the process among the others, by path, and adds it to the end of the list', () => {
    expect(installIn(list, namesOf('expense-claim')).split('\n')).toEqual([
      "import type { ProcessDefinition } from './define-process';",
      "import { expenseClaim } from './expense-claim';",
      "import { invoices } from './invoices';",
      "import { tickets } from './tickets';",
      '',
      'export const installedProcesses = install([invoices, tickets, expenseClaim]);',
    ]);
  });

  it('reads a list that Prettier has wrapped', () => {
    const wrapped = list.replace('[invoices, tickets]', '[\n  invoices,\n  tickets,\n]');
    const updated = installIn(wrapped, namesOf('zebra'));
    expect(updated).toContain('install([invoices, tickets, zebra])');
    expect(updated.split('\n').at(-3)).toBe("import { zebra } from './zebra';");
  });
});
