import { stringify } from 'csv-stringify/sync';
import type { FindingDecision, PayrollFinding, PayrollRunHeader } from '../../schemas/payroll/payroll';

export interface PayrollReport {
  header: PayrollRunHeader;
  outcome: string;
  employeesChecked: number;
  findings: (PayrollFinding & { decision: FindingDecision | 'undecided'; reviewer?: string })[];
  held: { employeeId: string; kinds: string[] }[];
  generatedAt: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page a payroll manager can read and print: summary, held payments, every finding with its decision. */
export function reportHtml(report: PayrollReport): string {
  const rows = report.findings
    .map(
      (f) =>
        `<tr><td>${f.row}</td><td>${escapeHtml(f.employeeId)}</td><td>${f.kind}</td><td>${escapeHtml(f.message)}</td><td>${f.decision}</td><td>${escapeHtml(f.reviewer ?? '')}</td></tr>`,
    )
    .join('\n');
  const held = report.held.map((h) => `<li>${escapeHtml(h.employeeId)}: ${h.kinds.join(', ')}</li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Payroll check ${report.header.runId}</title>
<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}</style></head>
<body><h1>Payroll check ${report.header.runId}</h1>
<p>Period ${report.header.periodStart} to ${report.header.periodEnd}. ${report.employeesChecked} lines checked, ${report.findings.length} findings, ${report.held.length} payments held. Outcome: <strong>${escapeHtml(report.outcome)}</strong>.</p>
<h2>Held payments</h2>${held ? `<ul>${held}</ul>` : '<p>None.</p>'}
<h2>Findings</h2><table><thead><tr><th>Row</th><th>Employee</th><th>Kind</th><th>Finding</th><th>Decision</th><th>Reviewer</th></tr></thead><tbody>
${rows}
</tbody></table><p>Generated ${report.generatedAt}.</p></body></html>`;
}

export function reportCsv(report: PayrollReport): string {
  return stringify(
    report.findings.map((f) => [f.row, f.employeeId, f.kind, f.message, f.decision, f.reviewer ?? '']),
    { header: true, columns: ['row', 'employee_id', 'kind', 'finding', 'decision', 'reviewer'] },
  );
}
