import { hrefWith } from '../http/request';
import type { Page } from '../store/paging';
import type { PayrollRunSummary } from '../store/payroll';
import type { Employee, FieldError, PayrollLine, PayrollRun } from '../store/schema';
import { amount, quantity } from './format';
import { html, type SafeHtml } from './html';
import type { Ui } from './ui';

const STATUS: Record<string, string> = {
  active: 'Active',
  terminated: 'Terminated',
  draft: 'Draft',
  approved: 'Approved',
  paid: 'Paid',
};

export function employeeListBody(ui: Ui, page: Page<Employee>, q: string, status: string): SafeHtml {
  return html`<h1>Employees</h1>
${ui.actions([html`<a href="/employees/export.csv" download>Export employees (CSV)</a>`])}
${ui.form({
  action: '/employees',
  method: 'get',
  name: 'Search employees',
  fields: [
    { name: 'q', label: 'Search employees', type: 'search', value: q, hint: 'Name, employee ID or bank IBAN' },
    {
      name: 'status',
      label: 'Status',
      type: 'select',
      value: status,
      options: [
        { value: '', label: 'Any' },
        { value: 'active', label: 'Active' },
        { value: 'terminated', label: 'Terminated' },
      ],
    },
  ],
  submit: 'Search',
})}
${ui.table({
  caption: 'Employees',
  columns: [
    { header: 'Employee ID', cell: (e: Employee) => html`<a href="/employees/${e.id}">${e.id}</a>` },
    { header: 'Name', cell: (e) => e.name },
    { header: 'Department', cell: (e) => e.department },
    { header: 'Status', cell: (e) => STATUS[e.status] ?? e.status },
    { header: 'Termination date', cell: (e) => e.terminationDate ?? '' },
    { header: 'Pay rate', cell: (e) => amount(e.payRate), numeric: true },
    { header: 'Bank IBAN', cell: (e) => e.bankIban },
  ],
  rows: page.items,
  empty: 'No employees found.',
})}
${ui.pager(page, (n) => hrefWith('/employees', { q, status, page: n }), 'employees')}`;
}

export interface EmployeePayrollEntry {
  run: PayrollRun;
  line: PayrollLine;
}

export function employeeDetailBody(ui: Ui, e: Employee, history: EmployeePayrollEntry[]): SafeHtml {
  return html`<h1>Employee ${e.id}</h1>
${ui.details('Employee details', [
  { label: 'Employee ID', value: e.id, testId: 'employee-id' },
  { label: 'Name', value: e.name, testId: 'employee-name' },
  { label: 'Department', value: e.department },
  { label: 'Hire date', value: e.hireDate },
  { label: 'Status', value: STATUS[e.status] ?? e.status, testId: 'employee-status' },
  { label: 'Termination date', value: e.terminationDate ?? '', testId: 'employee-termination-date' },
  { label: 'Pay rate', value: amount(e.payRate), testId: 'employee-pay-rate' },
  { label: 'Bank IBAN', value: e.bankIban, testId: 'employee-bank-iban' },
])}
${ui.table({
  caption: 'Payroll history',
  columns: [
    { header: 'Run ID', cell: (h: EmployeePayrollEntry) => html`<a href="/payroll-runs/${h.run.id}">${h.run.id}</a>` },
    { header: 'Period start', cell: (h) => h.run.periodStart },
    { header: 'Hours', cell: (h) => quantity(h.line.hours), numeric: true },
    { header: 'Gross', cell: (h) => amount(h.line.gross), numeric: true },
    { header: 'Net', cell: (h) => amount(h.line.net), numeric: true },
  ],
  rows: history,
  empty: 'Not in any payroll run.',
})}
<p><a href="/employees">Back to employees</a></p>`;
}

export function payrollRunListBody(ui: Ui, page: Page<PayrollRunSummary>): SafeHtml {
  return html`<h1>Payroll runs</h1>
${ui.table({
  caption: 'Payroll runs',
  columns: [
    { header: 'Run ID', cell: (r: PayrollRunSummary) => html`<a href="/payroll-runs/${r.id}">${r.id}</a>` },
    { header: 'Period start', cell: (r) => r.periodStart },
    { header: 'Period end', cell: (r) => r.periodEnd },
    { header: 'Status', cell: (r) => STATUS[r.status] ?? r.status },
    { header: 'Employees', cell: (r) => r.employees, numeric: true },
    { header: 'Total gross', cell: (r) => amount(r.totalGross), numeric: true },
    { header: 'Total net', cell: (r) => amount(r.totalNet), numeric: true },
  ],
  rows: page.items,
  empty: 'No payroll runs.',
})}
${ui.pager(page, (n) => hrefWith('/payroll-runs', { page: n }), 'payroll runs')}`;
}

export function payrollRunDetailBody(
  ui: Ui,
  run: PayrollRun,
  summary: PayrollRunSummary,
  lines: Page<PayrollLine>,
  q: string,
  message?: string,
  errors?: readonly FieldError[],
): SafeHtml {
  const approve =
    run.status === 'draft'
      ? ui.actionButton({ action: `/payroll-runs/${run.id}/approve`, label: 'Approve payroll run' })
      : '';
  return html`<h1>Payroll run ${run.id}</h1>
${message ? ui.notice(message) : ''}
${ui.errorSummary(errors)}
${ui.details('Run details', [
  { label: 'Run ID', value: run.id, testId: 'run-id' },
  { label: 'Period start', value: run.periodStart },
  { label: 'Period end', value: run.periodEnd },
  { label: 'Status', value: STATUS[run.status] ?? run.status, testId: 'run-status' },
  { label: 'Employees', value: summary.employees, testId: 'run-employees' },
  { label: 'Total gross', value: amount(summary.totalGross), testId: 'run-total-gross' },
  { label: 'Total net', value: amount(summary.totalNet), testId: 'run-total-net' },
  { label: 'Approved by', value: run.approvedBy ?? '' },
])}
${ui.actions([html`<a href="/payroll-runs/${run.id}/export.csv" download>Download CSV</a>`, approve])}
${ui.form({
  action: `/payroll-runs/${run.id}`,
  method: 'get',
  name: 'Find payroll lines',
  fields: [{ name: 'q', label: 'Find employee in this run', type: 'search', value: q, hint: 'Employee ID or name' }],
  submit: 'Find',
})}
${ui.table({
  caption: 'Payroll lines',
  columns: [
    { header: 'Employee ID', cell: (l: PayrollLine) => l.employeeId },
    { header: 'Employee name', cell: (l) => l.employeeName },
    { header: 'Hours', cell: (l) => quantity(l.hours), numeric: true },
    { header: 'Timesheet hours', cell: (l) => quantity(l.timesheetHours), numeric: true },
    { header: 'Rate', cell: (l) => amount(l.rate), numeric: true },
    { header: 'Gross', cell: (l) => amount(l.gross), numeric: true },
    { header: 'Deductions', cell: (l) => amount(l.deductions), numeric: true },
    { header: 'Taxes', cell: (l) => amount(l.taxes), numeric: true },
    { header: 'Net', cell: (l) => amount(l.net), numeric: true },
    { header: 'Bank IBAN', cell: (l) => l.bankIban },
  ],
  rows: lines.items,
  empty: 'No lines.',
})}
${ui.pager(lines, (n) => hrefWith(`/payroll-runs/${run.id}`, { q, page: n }), 'lines')}`;
}
