import { parse } from 'csv-parse/sync';
import { payrollRecordSchema, type PayrollRecord } from '../../schemas/payroll/payroll';
import { formatPath } from '../../schemas/engine/validation';

export interface RowError {
  /** 1-based data row (the header is row 0), as a spreadsheet user counts. */
  row: number;
  problems: string[];
}

export class PayrollExportError extends Error {
  constructor(
    public readonly file: string,
    public readonly missingColumns: string[],
    public readonly rowErrors: RowError[],
  ) {
    const parts: string[] = [];
    if (missingColumns.length > 0) parts.push(`missing column(s): ${missingColumns.join(', ')}`);
    if (rowErrors.length > 0) {
      const shown = rowErrors.slice(0, 20).map((e) => `row ${e.row}: ${e.problems.join('; ')}`);
      parts.push(
        `${rowErrors.length} bad row(s): ${shown.join(' | ')}${rowErrors.length > 20 ? ` | … and ${rowErrors.length - 20} more` : ''}`,
      );
    }
    super(`${file}: ${parts.join('; ')}`);
    this.name = 'PayrollExportError';
  }
}

const lineColumns = [
  'employee_id',
  'employee_name',
  'hours',
  'timesheet_hours',
  'rate',
  'gross',
  'deductions',
  'taxes',
  'net',
  'bank_iban',
] as const;
const employeeColumns = ['employee_id', 'status', 'termination_date'] as const;

/** Numbers as the export writes them; an empty or non-numeric cell stays a string so zod names it. */
function number(cell: string | undefined): number | string | undefined {
  if (cell === undefined || cell.trim() === '') return cell;
  const n = Number(cell.replace(/,/g, ''));
  return Number.isFinite(n) ? n : cell;
}

function readCsv(file: string, text: string, required: readonly string[]): Record<string, string>[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  } catch (err) {
    throw new PayrollExportError(file, [], [{ row: 0, problems: [`not readable as CSV: ${(err as Error).message}`] }]);
  }
  const header =
    text
      .split(/\r?\n/, 1)[0]
      ?.replace(/^\uFEFF/, '')
      .split(',')
      .map((c) => c.trim()) ?? [];
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new PayrollExportError(file, missing, []);
  return rows;
}

/**
 * Joins a payroll run export with the employee export into records the checks read. Every bad row is
 * reported with its number and fields; one bad row fails the whole export, since a payroll is checked whole.
 */
export function parsePayrollExport(runCsv: string, employeesCsv: string, runFile = 'payroll export'): PayrollRecord[] {
  const employees = new Map(readCsv('employee export', employeesCsv, employeeColumns).map((e) => [e.employee_id, e]));
  const rows = readCsv(runFile, runCsv, lineColumns);
  const records: PayrollRecord[] = [];
  const errors: RowError[] = [];
  rows.forEach((row, i) => {
    const employee = employees.get(row.employee_id ?? '');
    const parsed = payrollRecordSchema.safeParse({
      employeeId: row.employee_id,
      employeeName: row.employee_name,
      status: employee?.status,
      terminationDate: employee?.termination_date ? employee.termination_date : null,
      hours: number(row.hours),
      timesheetHours: number(row.timesheet_hours),
      rate: number(row.rate),
      gross: number(row.gross),
      deductions: number(row.deductions),
      taxes: number(row.taxes),
      net: number(row.net),
      bankIban: row.bank_iban,
    });
    if (parsed.success) records.push(parsed.data);
    else {
      const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path)} ${issue.message}`);
      if (!employee) problems.unshift(`employee ${row.employee_id ?? '?'} is not in the employee export`);
      errors.push({ row: i + 1, problems });
    }
  });
  if (errors.length > 0) throw new PayrollExportError(runFile, [], errors);
  return records;
}
