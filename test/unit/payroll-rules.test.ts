import { describe, expect, it } from 'vitest';
import { checkPayrollRows, indexRun } from '../../activities/payroll/check-rules';
import { payrollPolicySchema } from '../../schemas/payroll/payroll';
import { generatePayroll, plantedKinds } from '../fixtures/payroll-generator';

const policy = payrollPolicySchema.parse({});

describe('payroll check rules', () => {
  const payroll = generatePayroll(10_000, 6);
  const index = indexRun(payroll.current, payroll.previous);

  it('finds every planted anomaly of every kind and flags no clean employee (10,000 employees)', () => {
    const findings = checkPayrollRows(payroll.header, payroll.current, index, policy);
    const found = new Set(findings.map((f) => `${f.employeeId}|${f.kind}`));
    const missed = [...payroll.expected].filter((e) => !found.has(e));
    const falsePositives = [...found].filter((f) => !payroll.expected.has(f));
    expect(missed).toEqual([]);
    expect(falsePositives).toEqual([]);
    expect(new Set(findings.map((f) => f.kind))).toEqual(new Set(plantedKinds));
  });

  it('finds the same in chunks as in one pass', () => {
    const whole = checkPayrollRows(payroll.header, payroll.current, index, policy);
    const chunked = [];
    for (let from = 0; from < payroll.current.length; from += 777) {
      chunked.push(...checkPayrollRows(payroll.header, payroll.current, index, policy, from, from + 777));
    }
    expect(chunked).toEqual(whole);
  });

  it('checks gross − deductions − taxes = net to the cent', () => {
    const small = generatePayroll(30, 0);
    const row = small.current[3]!;
    row.net = Number((row.net - 0.01).toFixed(2));
    const findings = checkPayrollRows(small.header, small.current, indexRun(small.current, small.previous), policy);
    expect(findings).toEqual([expect.objectContaining({ employeeId: row.employeeId, kind: 'net-mismatch', row: 4 })]);
  });

  it('takes its thresholds from the policy', () => {
    const small = generatePayroll(30, 0);
    const strict = payrollPolicySchema.parse({ maxWeeklyHours: 20 });
    const findings = checkPayrollRows(small.header, small.current, indexRun(small.current, small.previous), strict);
    expect(findings.length).toBe(30);
    expect(new Set(findings.map((f) => f.kind))).toEqual(new Set(['hours-over-max']));
  });
});
