import type { PayrollRunHeader } from './payroll';

/** Payroll runs are monthly: PR-2026-11 covers 2026-11-01 … 2026-11-30. */
export function payrollRunHeader(runId: string): PayrollRunHeader {
  const match = /^PR-(\d{4})-(\d{2})$/.exec(runId);
  if (!match) throw new TypeError(`payroll run id must look like PR-2026-11, got ${runId}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { runId, periodStart: `${year}-${mm}-01`, periodEnd: `${year}-${mm}-${String(lastDay).padStart(2, '0')}` };
}

export function previousPayrollRunId(runId: string): string {
  const { periodStart } = payrollRunHeader(runId);
  const [year, month] = periodStart.split('-').map(Number) as [number, number];
  const prev = month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };
  return `PR-${prev.y}-${String(prev.m).padStart(2, '0')}`;
}

/** The run of the month a date falls in: what a nightly check on that date looks at. */
export function payrollRunIdFor(date: Date): string {
  return `PR-${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}
