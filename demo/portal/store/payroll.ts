import type { JsonDatabase } from './database';
import { bumpSequence, nextId } from './ids';
import { sumAmounts } from './money';
import { paginate, type Page } from './paging';
import type { Employee, FieldError, PayrollLine, PayrollRun, Result } from './schema';
import { normalizeIban, parseIsoDate } from './validation';

export interface EmployeeImport {
  id?: string | undefined;
  name: string;
  department?: string | undefined;
  hireDate?: string | undefined;
  status?: Employee['status'] | undefined;
  terminationDate?: string | null | undefined;
  payRate: number;
  bankIban: string;
}

/** Payroll lines are loaded as given (anomalies included): finding them is the checking bot's job. */
export interface PayrollRunImport {
  id?: string | undefined;
  periodStart: string;
  periodEnd: string;
  status?: PayrollRun['status'] | undefined;
  lines: Array<Omit<PayrollLine, 'employeeName'> & { employeeName?: string | undefined }>;
}

export interface EmployeeQuery {
  q?: string | undefined;
  status?: Employee['status'] | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export interface PayrollRunSummary {
  id: string;
  periodStart: string;
  periodEnd: string;
  status: PayrollRun['status'];
  employees: number;
  totalGross: number;
  totalNet: number;
}

export class PayrollRepository {
  private employeesById = new Map<string, Employee>();
  private runsById = new Map<string, PayrollRun>();
  private summaries = new WeakMap<PayrollRun, PayrollRunSummary>();

  constructor(private readonly db: JsonDatabase) {
    this.reindex();
  }

  reindex(): void {
    this.employeesById = new Map(this.db.data.employees.map((e) => [e.id, e]));
    this.runsById = new Map(this.db.data.payrollRuns.map((r) => [r.id, r]));
  }

  getEmployee(id: string): Employee | undefined {
    return this.employeesById.get(id.trim().toUpperCase());
  }

  allEmployees(): readonly Employee[] {
    return this.db.data.employees;
  }

  /** Search by name (substring), employee id or bank IBAN. */
  searchEmployees(query: EmployeeQuery): Page<Employee> {
    const q = (query.q ?? '').trim();
    const lower = q.toLowerCase();
    const upper = q.toUpperCase().replace(/\s/g, '');
    const matches = this.db.data.employees.filter(
      (e) =>
        (query.status === undefined || e.status === query.status) &&
        (q === '' || e.name.toLowerCase().includes(lower) || e.id === upper || e.bankIban === upper),
    );
    return paginate(matches, query.page, query.pageSize);
  }

  getRun(id: string): PayrollRun | undefined {
    return this.runsById.get(id.trim().toUpperCase());
  }

  /** Newest period first. */
  listRuns(page?: number, pageSize?: number): Page<PayrollRunSummary> {
    const runs = [...this.db.data.payrollRuns].sort((a, b) => b.periodStart.localeCompare(a.periodStart));
    return paginate(
      runs.map((r) => this.summary(r)),
      page,
      pageSize,
    );
  }

  summary(run: PayrollRun): PayrollRunSummary {
    let summary = this.summaries.get(run);
    if (!summary) {
      summary = {
        id: run.id,
        periodStart: run.periodStart,
        periodEnd: run.periodEnd,
        status: run.status,
        employees: run.lines.length,
        totalGross: sumAmounts(run.lines.map((l) => l.gross)),
        totalNet: sumAmounts(run.lines.map((l) => l.net)),
      };
      this.summaries.set(run, summary);
    }
    return { ...summary, status: run.status };
  }

  runLines(run: PayrollRun, page?: number, pageSize?: number): Page<PayrollLine> {
    return paginate(run.lines, page, pageSize);
  }

  async approveRun(id: string, approvedBy: string): Promise<Result<PayrollRun>> {
    const run = this.getRun(id);
    if (!run) return { ok: false, errors: [{ field: 'id', message: `Payroll run ${id} does not exist` }] };
    if (run.status !== 'draft') {
      return {
        ok: false,
        errors: [{ field: 'id', message: `Payroll run ${run.id} is ${run.status} and cannot be approved again` }],
      };
    }
    run.status = 'approved';
    run.approvedBy = approvedBy;
    await this.db.commit();
    return { ok: true, value: run };
  }

  /** Loads employees; an existing id is replaced (so tests can reload a population). */
  async importEmployees(items: readonly EmployeeImport[]): Promise<Result<Employee[]>> {
    const loaded = items.map((item) => {
      const id = item.id?.toUpperCase() ?? nextId(this.db.data.sequences, 'employee');
      bumpSequence(this.db.data.sequences, 'employee', id);
      const employee: Employee = {
        id,
        name: item.name,
        department: item.department ?? '',
        hireDate: item.hireDate ?? '2020-01-01',
        status: item.status ?? (item.terminationDate ? 'terminated' : 'active'),
        terminationDate: item.terminationDate ?? null,
        payRate: item.payRate,
        bankIban: normalizeIban(item.bankIban) || item.bankIban,
      };
      const previous = this.employeesById.get(id);
      if (previous) this.db.data.employees[this.db.data.employees.indexOf(previous)] = employee;
      else this.db.data.employees.push(employee);
      this.employeesById.set(id, employee);
      return employee;
    });
    await this.db.commit();
    return { ok: true, value: loaded };
  }

  /** Loads payroll runs; the id defaults to PR-YYYY-MM of the period start, and an existing run is replaced. */
  async importRuns(items: readonly PayrollRunImport[], now = new Date()): Promise<Result<PayrollRun[]>> {
    const errors: FieldError[] = [];
    items.forEach((item, i) => {
      const start = parseIsoDate(item.periodStart);
      const end = parseIsoDate(item.periodEnd);
      if (!start)
        errors.push({ field: `payrollRuns[${i}].periodStart`, message: 'periodStart must be a date like 2026-01-01' });
      if (!end)
        errors.push({ field: `payrollRuns[${i}].periodEnd`, message: 'periodEnd must be a date like 2026-01-31' });
      if (start && end && end < start)
        errors.push({ field: `payrollRuns[${i}].periodEnd`, message: 'periodEnd is before periodStart' });
    });
    if (errors.length > 0) return { ok: false, errors };
    const loaded = items.map((item) => {
      const run: PayrollRun = {
        id: item.id?.toUpperCase() ?? `PR-${item.periodStart.slice(0, 7)}`,
        periodStart: item.periodStart,
        periodEnd: item.periodEnd,
        status: item.status ?? 'draft',
        createdAt: now.toISOString(),
        approvedBy: null,
        lines: item.lines.map((line) => ({
          ...line,
          employeeId: line.employeeId.toUpperCase(),
          employeeName: line.employeeName ?? this.getEmployee(line.employeeId)?.name ?? '',
        })),
      };
      const previous = this.runsById.get(run.id);
      if (previous) this.db.data.payrollRuns[this.db.data.payrollRuns.indexOf(previous)] = run;
      else this.db.data.payrollRuns.push(run);
      this.runsById.set(run.id, run);
      return run;
    });
    await this.db.commit();
    return { ok: true, value: loaded };
  }
}
