import { toMinor } from '../../schemas/engine/money';
import type {
  FindingKind,
  PayrollFinding,
  PayrollPolicy,
  PayrollRecord,
  PayrollRunHeader,
} from '../../schemas/payroll/payroll';

const DAY_MS = 86_400_000;

/** Weeks in the pay period, counted in whole days, so a month of 30 days is 30/7 weeks. */
function weeksIn(header: PayrollRunHeader): number {
  const days =
    (Date.parse(`${header.periodEnd}T00:00:00Z`) - Date.parse(`${header.periodStart}T00:00:00Z`)) / DAY_MS + 1;
  return days / 7;
}

function normaliseIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase();
}

/** Indexes over the whole run that per-employee checks need (shared accounts, duplicates, last run). */
export interface RunIndex {
  ibanHolders: Map<string, Set<string>>;
  idCount: Map<string, number>;
  /** Row index of each employee's first line: later lines with the same id are the duplicates. */
  firstRowOf: Map<string, number>;
  previousById: Map<string, PayrollRecord>;
}

export function indexRun(current: PayrollRecord[], previous: PayrollRecord[]): RunIndex {
  const ibanHolders = new Map<string, Set<string>>();
  const idCount = new Map<string, number>();
  const firstRowOf = new Map<string, number>();
  current.forEach((record, row) => {
    if (!firstRowOf.has(record.employeeId)) firstRowOf.set(record.employeeId, row);
    const iban = normaliseIban(record.bankIban);
    ibanHolders.set(iban, (ibanHolders.get(iban) ?? new Set()).add(record.employeeId));
    idCount.set(record.employeeId, (idCount.get(record.employeeId) ?? 0) + 1);
  });
  return { ibanHolders, idCount, firstRowOf, previousById: new Map(previous.map((r) => [r.employeeId, r])) };
}

/**
 * Checks the rows [from, to) of a payroll run against the policy and the previous run. Cross-employee rules
 * use the index of the whole run, so chunks checked apart find exactly what one pass over the run finds.
 */
export function checkPayrollRows(
  header: PayrollRunHeader,
  current: PayrollRecord[],
  index: RunIndex,
  policy: PayrollPolicy,
  from = 0,
  to = current.length,
): PayrollFinding[] {
  const findings: PayrollFinding[] = [];
  const maxHours = policy.maxWeeklyHours * weeksIn(header);

  for (let i = from; i < Math.min(to, current.length); i++) {
    const r = current[i] as PayrollRecord;
    const flag = (kind: FindingKind, message: string) =>
      findings.push({ employeeId: r.employeeId, kind, message, row: i + 1 });

    const expectedNet = toMinor(r.gross, 'EUR') - toMinor(r.deductions, 'EUR') - toMinor(r.taxes, 'EUR');
    if (expectedNet !== toMinor(r.net, 'EUR')) {
      flag(
        'net-mismatch',
        `gross ${r.gross} − deductions ${r.deductions} − taxes ${r.taxes} = ${(expectedNet / 100).toFixed(2)}, but net is ${r.net}`,
      );
    }
    if (r.hours < 0) flag('negative-hours', `negative hours: ${r.hours}`);
    else if (r.hours > maxHours)
      flag('hours-over-max', `${r.hours} h is over the policy maximum of ${maxHours.toFixed(1)} h for this period`);
    if (r.hours > 0 && r.timesheetHours <= 0) flag('no-timesheet', `${r.hours} h paid with no timesheet hours`);
    if (r.net <= 0) flag('non-positive-net', `net pay is ${r.net}`);
    if (r.status === 'terminated' && r.net > 0 && (!r.terminationDate || r.terminationDate < header.periodStart)) {
      flag('terminated-paid', `terminated${r.terminationDate ? ` on ${r.terminationDate}` : ''} but paid ${r.net}`);
    }

    const before = index.previousById.get(r.employeeId);
    if (before) {
      if (before.rate > 0 && Math.abs(r.rate - before.rate) / before.rate > policy.maxRateChange) {
        flag(
          'rate-change',
          `pay rate changed from ${before.rate} to ${r.rate} (more than ${Math.round(policy.maxRateChange * 100)} %)`,
        );
      }
      if (normaliseIban(before.bankIban) !== normaliseIban(r.bankIban)) {
        flag(
          'bank-changed',
          `bank account changed since the last run (was …${normaliseIban(before.bankIban).slice(-4)})`,
        );
      }
    }

    const holders = index.ibanHolders.get(normaliseIban(r.bankIban));
    if (holders && holders.size > 1) {
      flag(
        'shared-bank-account',
        `bank account shared with ${[...holders].filter((id) => id !== r.employeeId).join(', ')}`,
      );
    }
    if (index.firstRowOf.get(r.employeeId) !== i) {
      flag(
        'duplicate-employee',
        `employee appears ${index.idCount.get(r.employeeId)} times in this run (first at row ${(index.firstRowOf.get(r.employeeId) ?? 0) + 1})`,
      );
    }
  }
  return findings;
}
