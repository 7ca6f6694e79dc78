import type { FastifyInstance } from 'fastify';
import type { PortalContext } from '../http/context';
import { sendCsv } from '../http/csv';
import { pageUser, redirect, sendNotFound, sendPage, signedIn } from '../http/pages';
import { param, queryInt, queryString } from '../http/request';
import { formatAmount } from '../store/money';
import { paginate } from '../store/paging';
import type { Employee, PayrollLine } from '../store/schema';
import { employeeDetailBody, employeeListBody, payrollRunDetailBody, payrollRunListBody } from '../views/payroll';

const LINES_PAGE_SIZE = 50;

/** Stable CSV columns of a payroll run export: one row per payroll line. */
export const PAYROLL_CSV_COLUMNS = [
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
] as const;

export function registerPayrollRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const { payroll } = ctx.store;

  app.get(
    '/employees',
    signedIn(ctx, 'read-hr', (request, reply, { user, ui }) => {
      const q = queryString(request, 'q');
      const status = ['active', 'terminated'].includes(queryString(request, 'status'))
        ? queryString(request, 'status')
        : '';
      const page = payroll.searchEmployees({
        q,
        status: status === '' ? undefined : (status as Employee['status']),
        page: queryInt(request, 'page'),
        pageSize: queryInt(request, 'pageSize'),
      });
      return sendPage(reply, ui, {
        title: 'Employees',
        section: '/employees',
        user: pageUser(user),
        body: employeeListBody(ui, page, q, status),
      });
    }),
  );

  app.get(
    '/employees/export.csv',
    signedIn(ctx, 'read-hr', (_request, reply) =>
      sendCsv<Employee>(
        reply,
        'employees.csv',
        [
          { name: 'employee_id', value: (e) => e.id },
          { name: 'name', value: (e) => e.name },
          { name: 'department', value: (e) => e.department },
          { name: 'hire_date', value: (e) => e.hireDate },
          { name: 'status', value: (e) => e.status },
          { name: 'termination_date', value: (e) => e.terminationDate ?? '' },
          { name: 'pay_rate', value: (e) => formatAmount(e.payRate) },
          { name: 'bank_iban', value: (e) => e.bankIban },
        ],
        payroll.allEmployees(),
      ),
    ),
  );

  app.get(
    '/employees/:id',
    signedIn(ctx, 'read-hr', (request, reply, { user, ui }) => {
      const employee = payroll.getEmployee(param(request, 'id'));
      if (!employee) return sendNotFound(reply, ui, user, `Employee ${param(request, 'id')} does not exist.`);
      const history = payroll
        .listRuns(1, 500)
        .items.map((s) => payroll.getRun(s.id))
        .flatMap((run) => {
          const line = run?.lines.find((l) => l.employeeId === employee.id);
          return run && line ? [{ run, line }] : [];
        });
      return sendPage(reply, ui, {
        title: `Employee ${employee.id}`,
        section: '/employees',
        user: pageUser(user),
        body: employeeDetailBody(ui, employee, history),
      });
    }),
  );

  app.get(
    '/payroll-runs',
    signedIn(ctx, 'read-hr', (request, reply, { user, ui }) => {
      const page = payroll.listRuns(queryInt(request, 'page'), queryInt(request, 'pageSize'));
      return sendPage(reply, ui, {
        title: 'Payroll runs',
        section: '/payroll-runs',
        user: pageUser(user),
        body: payrollRunListBody(ui, page),
      });
    }),
  );

  app.get(
    '/payroll-runs/:id',
    signedIn(ctx, 'read-hr', (request, reply, { user, ui }) => {
      const run = payroll.getRun(param(request, 'id'));
      if (!run) return sendNotFound(reply, ui, user, `Payroll run ${param(request, 'id')} does not exist.`);
      const q = queryString(request, 'q').trim();
      const lower = q.toLowerCase();
      const lines =
        q === ''
          ? run.lines
          : run.lines.filter((l) => l.employeeId === q.toUpperCase() || l.employeeName.toLowerCase().includes(lower));
      const page = paginate(lines, queryInt(request, 'page'), queryInt(request, 'pageSize') ?? LINES_PAGE_SIZE);
      const message = queryString(request, 'approved') === '1' ? `Payroll run ${run.id} approved.` : undefined;
      const body = payrollRunDetailBody(ui, run, payroll.summary(run), page, q, message);
      return sendPage(reply, ui, {
        title: `Payroll run ${run.id}`,
        section: '/payroll-runs',
        user: pageUser(user),
        body,
      });
    }),
  );

  app.get(
    '/payroll-runs/:id/export.csv',
    signedIn(ctx, 'read-hr', (request, reply, { user, ui }) => {
      const run = payroll.getRun(param(request, 'id'));
      if (!run) return sendNotFound(reply, ui, user, `Payroll run ${param(request, 'id')} does not exist.`);
      const values: Record<(typeof PAYROLL_CSV_COLUMNS)[number], (l: PayrollLine) => string | number> = {
        run_id: () => run.id,
        employee_id: (l) => l.employeeId,
        employee_name: (l) => l.employeeName,
        hours: (l) => l.hours,
        timesheet_hours: (l) => l.timesheetHours,
        rate: (l) => formatAmount(l.rate),
        gross: (l) => formatAmount(l.gross),
        deductions: (l) => formatAmount(l.deductions),
        taxes: (l) => formatAmount(l.taxes),
        net: (l) => formatAmount(l.net),
        bank_iban: (l) => l.bankIban,
      };
      return sendCsv(
        reply,
        `payroll-${run.id}.csv`,
        PAYROLL_CSV_COLUMNS.map((name) => ({ name, value: values[name] })),
        run.lines,
      );
    }),
  );

  app.post(
    '/payroll-runs/:id/approve',
    signedIn(ctx, 'approve-payroll', async (request, reply, { user, ui }) => {
      const run = payroll.getRun(param(request, 'id'));
      if (!run) return sendNotFound(reply, ui, user, `Payroll run ${param(request, 'id')} does not exist.`);
      const result = await payroll.approveRun(run.id, user.username);
      if (!result.ok) {
        const body = payrollRunDetailBody(
          ui,
          run,
          payroll.summary(run),
          payroll.runLines(run, 1, LINES_PAGE_SIZE),
          '',
          undefined,
          result.errors,
        );
        return sendPage(
          reply,
          ui,
          { title: `Payroll run ${run.id}`, section: '/payroll-runs', user: pageUser(user), body },
          409,
        );
      }
      ctx.log.info({ runId: run.id, by: user.username }, 'payroll run approved');
      return redirect(reply, `/payroll-runs/${run.id}?approved=1`);
    }),
  );
}
