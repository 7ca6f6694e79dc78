import { composeIBAN } from 'ibantools';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  alerts,
  buttons,
  PortalClient,
  startTestPortal,
  statuses,
  tableRows,
  testIdText,
  type TestPortal,
} from './portal-client';

const SIZE = 10_000;
const id = (n: number) => `E-${String(n).padStart(5, '0')}`;
const iban = (n: number) =>
  composeIBAN({ countryCode: 'DE', bban: `37040044${String(n).padStart(10, '0')}` }) as string;

function employees() {
  return Array.from({ length: SIZE }, (_, i) => ({
    id: id(i + 1),
    name: `Employee ${i + 1}`,
    department: i % 2 === 0 ? 'Operations' : 'Finance',
    status: i % 1000 === 999 ? ('terminated' as const) : ('active' as const),
    terminationDate: i % 1000 === 999 ? '2026-10-31' : null,
    payRate: 20 + (i % 15),
    bankIban: iban(i + 1),
  }));
}

function payrollRun() {
  return {
    periodStart: '2026-12-01',
    periodEnd: '2026-12-31',
    lines: employees().map((e, i) => {
      const hours = 160;
      const gross = hours * e.payRate;
      const deductions = Math.round(gross * 5) / 100;
      const taxes = Math.round(gross * 20) / 100;
      return {
        employeeId: e.id,
        hours,
        timesheetHours: i === 42 ? 150 : hours,
        rate: e.payRate,
        gross,
        deductions,
        taxes,
        net: Math.round((gross - deductions - taxes) * 100) / 100,
        bankIban: e.bankIban,
      };
    }),
  };
}

describe('portal payroll', () => {
  let t: TestPortal;
  let client: PortalClient;
  beforeAll(async () => {
    t = await startTestPortal({ seed: 'empty' });
    client = new PortalClient(t.portal.url);
    await client.signIn('bot', 'bot-pass');
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('bulk-loads a 10,000-employee payroll through the admin routes', async () => {
    const loadedEmployees = await admin<{ loaded: number }>(t.portal, 'POST', '/admin/employees', {
      employees: employees(),
    });
    expect(loadedEmployees).toMatchObject({ status: 200, json: { loaded: SIZE } });
    const loadedRun = await admin<{ loaded: number; ids: string[] }>(t.portal, 'POST', '/admin/payroll-runs', {
      payrollRuns: [payrollRun()],
    });
    expect(loadedRun).toMatchObject({ status: 200, json: { loaded: 1, ids: ['PR-2026-12'] } });
    const counts = await admin<{ employees: { total: number; terminated: number }; payrollRuns: number }>(
      t.portal,
      'GET',
      '/admin/counts',
    );
    expect(counts.json).toMatchObject({ employees: { total: SIZE, terminated: 10 }, payrollRuns: 1 });
  });

  it('exports the run as CSV with stable columns, one row per line', async () => {
    const csv = await client.get('/payroll-runs/PR-2026-12/export.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="payroll-PR-2026-12.csv"');
    const records = parse(csv.body, { columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(SIZE);
    expect(Object.keys(records[0] ?? {})).toEqual([
      'run_id',
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
    ]);
    expect(records[42]).toEqual({
      run_id: 'PR-2026-12',
      employee_id: 'E-00043',
      employee_name: 'Employee 43',
      hours: '160',
      timesheet_hours: '150',
      rate: '32.00',
      gross: '5120.00',
      deductions: '256.00',
      taxes: '1024.00',
      net: '3840.00',
      bank_iban: iban(43),
    });
  });

  it('exports employees as CSV for joining with the run', async () => {
    const records = parse((await client.get('/employees/export.csv')).body, { columns: true }) as Array<
      Record<string, string>
    >;
    expect(records).toHaveLength(SIZE);
    expect(Object.keys(records[0] ?? {})).toEqual([
      'employee_id',
      'name',
      'department',
      'hire_date',
      'status',
      'termination_date',
      'pay_rate',
      'bank_iban',
    ]);
    expect(records[999]).toMatchObject({
      employee_id: 'E-01000',
      status: 'terminated',
      termination_date: '2026-10-31',
    });
  });

  it('pages through the run on screen', async () => {
    const first = await client.get('/payroll-runs/PR-2026-12');
    expect(testIdText(first.body, 'run-employees')).toBe(String(SIZE));
    expect(testIdText(first.body, 'run-status')).toBe('Draft');
    expect(tableRows(first.body, 'Payroll lines')).toHaveLength(50);
    expect(first.body).toContain('Showing 1–50 of 10000 lines (page 1 of 200)');
    const last = await client.get('/payroll-runs/PR-2026-12?page=200');
    expect(tableRows(last.body, 'Payroll lines').at(-1)).toMatchObject({
      'Employee ID': 'E-10000',
      Net: expect.any(String),
    });
    const found = tableRows((await client.get('/payroll-runs/PR-2026-12?q=E-00043')).body, 'Payroll lines');
    expect(found).toEqual([
      expect.objectContaining({ 'Employee ID': 'E-00043', Hours: '160', 'Timesheet hours': '150' }),
    ]);
    const list = tableRows((await client.get('/payroll-runs')).body, 'Payroll runs');
    expect(list).toEqual([expect.objectContaining({ 'Run ID': 'PR-2026-12', Employees: '10000', Status: 'Draft' })]);
  });

  it('searches and pages employees', async () => {
    const page = await client.get('/employees?status=terminated');
    expect(tableRows(page.body, 'Employees').map((r) => r['Employee ID'])).toEqual(
      Array.from({ length: 10 }, (_, i) => id((i + 1) * 1000)),
    );
    const byIban = tableRows((await client.get(`/employees?q=${iban(7)}`)).body, 'Employees');
    expect(byIban).toEqual([expect.objectContaining({ 'Employee ID': 'E-00007' })]);
  });

  it('approves a draft run once', async () => {
    expect(buttons((await client.get('/payroll-runs/PR-2026-12')).body)).toContain('Approve payroll run');
    const approved = await client.post('/payroll-runs/PR-2026-12/approve');
    expect(approved.location).toBe('/payroll-runs/PR-2026-12?approved=1');
    const page = await client.get(approved.location as string);
    expect(statuses(page.body)).toEqual(['Payroll run PR-2026-12 approved.']);
    expect(testIdText(page.body, 'run-status')).toBe('Approved');
    const again = await client.post('/payroll-runs/PR-2026-12/approve');
    expect(again.status).toBe(409);
    expect(alerts(again.body)[0]).toContain('Payroll run PR-2026-12 is approved and cannot be approved again');
  });
});
