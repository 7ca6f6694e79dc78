import { afterEach, describe, expect, it, vi } from 'vitest';
import { printReport, printWaitingTasks } from '../client/cli/commands/data-entry-report';
import type { DataEntryReport } from '../workflows/data-entry';

const lines: string[] = [];
const capture = () => vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
afterEach(() => {
  vi.restoreAllMocks();
  lines.length = 0;
});

const report: DataEntryReport = {
  batchId: 'b1',
  source: 'vendors.csv',
  rows: 3,
  counts: { entered: 1, alreadyPresent: 0, rejected: 2, failed: 0, invalid: 0 },
  invalid: [],
  outcomes: [],
  exceptions: [
    {
      row: 2,
      vatId: 'DE123456789',
      resolution: 'entered',
      vendorId: 'V-0042',
      by: 'clerk',
      tasks: [
        { taskId: 'data-entry:b1:chunk-1:exceptions:task:row-2-1', attempt: 1, rejection: 'iban: bad', decision: 'retry', by: 'clerk' },
        { taskId: 'data-entry:b1:chunk-1:exceptions:task:row-2-2', attempt: 2, rejection: 'iban: bad', decision: 'retry', by: 'clerk' },
      ],
    },
    { row: 3, vatId: 'DE987654321', resolution: 'dismissed', by: 'clara', comment: 'vendor withdrew', tasks: [{ taskId: 't3', attempt: 1, rejection: 'iban: bad', decision: 'dismiss', by: 'clara' }] },
  ],
  needsReview: [],
};

describe('bpo data-entry output', () => {
  it('says how each rejected row ended, by whom, and through which tasks', () => {
    capture();
    printReport(report);
    const text = lines.join('\n');
    expect(text).toContain('worked as exception tasks in the inbox (2)');
    expect(text).toContain('row 2 (DE123456789): entered after correction as V-0042, corrected by clerk (tasks data-entry:b1:chunk-1:exceptions:task:row-2-1, data-entry:b1:chunk-1:exceptions:task:row-2-2)');
    expect(text).toContain('row 3 (DE987654321): dismissed by clara: vendor withdrew (task t3)');
    expect(text).not.toContain('Needs review');
  });

  it('lists the tasks waiting in the inbox', () => {
    capture();
    printWaitingTasks([{ row: 2, vatId: 'DE123456789', taskId: 'x:task:row-2-2', attempt: 2, role: 'clerk' }]);
    expect(lines).toEqual(['⚑ row 2 (DE123456789): exception task x:task:row-2-2 (attempt 2) is in the inbox for role clerk']);
  });
});
