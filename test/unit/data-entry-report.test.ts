import { afterEach, describe, expect, it, vi } from 'vitest';
import { evidenceLinks, printReport, printWaitingTasks } from '../../client/data-entry/data-entry-report';
import type { DataEntryReport } from '../../workflows/data-entry';

const lines: string[] = [];
const capture = () => vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
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
        {
          taskId: 'data-entry:b1:chunk-1:exceptions:task:row-2-1',
          attempt: 1,
          rejection: 'iban: bad',
          decision: 'retry',
          by: 'clerk',
        },
        {
          taskId: 'data-entry:b1:chunk-1:exceptions:task:row-2-2',
          attempt: 2,
          rejection: 'iban: bad',
          decision: 'retry',
          by: 'clerk',
        },
      ],
    },
    {
      row: 3,
      vatId: 'DE987654321',
      resolution: 'dismissed',
      by: 'clara',
      comment: 'vendor withdrew',
      tasks: [{ taskId: 't3', attempt: 1, rejection: 'iban: bad', decision: 'dismiss', by: 'clara' }],
    },
  ],
  needsReview: [],
};

describe('bpo data-entry output', () => {
  it('says how each rejected row ended, by whom, and through which tasks', () => {
    capture();
    printReport(report);
    const text = lines.join('\n');
    expect(text).toContain('worked as exception tasks in the inbox (2)');
    expect(text).toContain(
      'row 2 (DE123456789): entered after correction as V-0042, corrected by clerk (tasks data-entry:b1:chunk-1:exceptions:task:row-2-1, data-entry:b1:chunk-1:exceptions:task:row-2-2)',
    );
    expect(text).toContain('row 3 (DE987654321): dismissed by clara: vendor withdrew (task t3)');
    expect(text).not.toContain('Needs review');
  });

  it('shows evidence in the artifacts folder as its inbox link, anything else as it is', () => {
    capture();
    vi.stubEnv('BPO_API_URL', 'https://bpo.example/');
    const folder = 'file:///srv/bpo/artifacts/row-4-PortalUnavailable';
    const failed: DataEntryReport = {
      ...report,
      exceptions: [],
      needsReview: [
        {
          row: 4,
          vatId: 'DE111111111',
          reason: 'the portal answered 503',
          evidence: {
            id: 'row-4-PortalUnavailable',
            files: [
              { name: 'screenshot.png', uri: `${folder}/screenshot.png`, bytes: 10 },
              { name: 'page.html', uri: 'file:///elsewhere/page.html', bytes: 10 },
            ],
          },
        },
      ],
    };
    printReport(failed, evidenceLinks({ API_PORT: 3000, DATA_DIR: '/srv/bpo', ARTIFACTS_DIR: undefined }));
    const text = lines.join('\n');
    expect(text).toContain('row 4 (DE111111111): the portal answered 503');
    expect(text).toContain('evidence: https://bpo.example/api/artifacts/row-4-PortalUnavailable/screenshot.png');
    expect(text).toContain('evidence: file:///elsewhere/page.html');
  });

  it('lists the tasks waiting in the inbox', () => {
    capture();
    printWaitingTasks([{ row: 2, vatId: 'DE123456789', taskId: 'x:task:row-2-2', attempt: 2, role: 'clerk' }]);
    expect(lines).toEqual([
      '⚑ row 2 (DE123456789): exception task x:task:row-2-2 (attempt 2) is in the inbox for role clerk',
    ]);
  });
});
