import {
  defineQuery,
  executeChild,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createPayrollActivities } from '../../activities/payroll';
import { heldEmployeeIds } from '../../schemas/payroll/payroll-review-form';
import {
  reviewerGroupOf,
  type FindingDecision,
  type PayrollFinding,
  type ReviewerGroup,
} from '../../schemas/payroll/payroll';
import { payrollRunIdFor } from '../../schemas/payroll/payroll-run-id';
import { humanTask } from '../engine';
import { payrollCheckChunk } from './payroll-check-chunk';
import { BpoBusinessKey, BpoProcess, BpoStatus } from '../engine/search-attributes';
import { payrollFailures } from '../../schemas/payroll/failures';

const payroll = proxyActivities<ReturnType<typeof createPayrollActivities>>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: {
    initialInterval: '2 seconds',
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: payrollFailures.nonRetryable,
  },
});

export interface PayrollCheckInput {
  /** A run id such as PR-2026-11, or 'current' for the run of the month the check is scheduled in. */
  runId: string;
  chunkSize?: number;
  /** Children checked at once. */
  parallelChunks?: number;
  /** How long reviewers have; an expired review holds every payment it covers. */
  reviewDueIn?: string;
  /** Approve the run in the payroll system when nothing is held (off for dry runs). */
  approveWhenClean?: boolean;
}

export type PayrollCheckPhase = 'fetching' | 'checking' | 'reviewing' | 'reporting' | 'done';

export interface PayrollCheckProgress {
  runId: string;
  phase: PayrollCheckPhase;
  employees: number;
  chunksDone: number;
  chunksTotal: number;
  findings: number;
  reviewsOpen: number;
}

export type PayrollCheckResult = PayrollCheckedResult | PayrollNothingToCheck;

/** A scheduled check whose month has no payroll run yet: nothing to check is not a failure. */
export interface PayrollNothingToCheck {
  runId: string;
  outcome: 'nothing-to-check';
  employeesChecked: 0;
  findings: 0;
  held: [];
  reason: string;
}

export interface PayrollCheckedResult {
  runId: string;
  outcome: 'approved' | 'held' | 'not-approved';
  employeesChecked: number;
  findings: number;
  held: { employeeId: string; kinds: string[] }[];
  approvalRefused?: string;
  report: { json: string; html: string; csv: string };
}

export const payrollCheckProgressQuery = defineQuery<PayrollCheckProgress>('payrollCheckProgress');

const reviewerRoles: Record<ReviewerGroup, string> = {
  payroll: 'payroll',
  'payroll-security': 'payroll-security',
  hr: 'hr',
};

/** The nightly run is the run of the month it is scheduled in, also when a backfill runs it later. */
function resolveRunId(runId: string): string {
  if (runId !== 'current') return runId;
  const scheduled = workflowInfo().searchAttributes?.TemporalScheduledStartTime?.[0];
  return payrollRunIdFor(
    scheduled instanceof Date
      ? scheduled
      : typeof scheduled === 'string'
        ? new Date(scheduled)
        : new Date(workflowInfo().startTime),
  );
}

/**
 * Checks a payroll run before money moves: fetch both runs, check every employee in child workflows by
 * chunk, send findings to one review task per reviewer group, write the report, and approve the run in the
 * payroll system only when no payment is held.
 */
export async function payrollCheck(input: PayrollCheckInput): Promise<PayrollCheckResult> {
  const runId = resolveRunId(input.runId);
  const chunkSize = input.chunkSize ?? 1000;
  const parallel = input.parallelChunks ?? 4;
  const progress: PayrollCheckProgress = {
    runId,
    phase: 'fetching',
    employees: 0,
    chunksDone: 0,
    chunksTotal: 0,
    findings: 0,
    reviewsOpen: 0,
  };
  setHandler(payrollCheckProgressQuery, () => progress);
  const phase = (next: PayrollCheckPhase) => {
    progress.phase = next;
    upsertSearchAttributes([{ key: BpoStatus, value: next }]);
  };
  upsertSearchAttributes([
    { key: BpoProcess, value: 'payroll' },
    { key: BpoBusinessKey, value: `payroll:${runId}` },
    { key: BpoStatus, value: progress.phase },
  ]);

  let snapshot: Awaited<ReturnType<typeof payroll.snapshotPayrollRun>>;
  try {
    snapshot = await payroll.snapshotPayrollRun({ runId });
  } catch (err) {
    if (
      input.runId === 'current' &&
      payrollFailures.is(err, 'PayrollRunNotFound') &&
      patched('payroll-nothing-to-check')
    ) {
      phase('done');
      upsertSearchAttributes([{ key: BpoStatus, value: 'nothing-to-check' }]);
      return {
        runId,
        outcome: 'nothing-to-check',
        employeesChecked: 0,
        findings: 0,
        held: [],
        reason: `the payroll system has no run ${runId} yet`,
      };
    }
    throw err;
  }
  if (snapshot.rows === 0) throw payrollFailures.create('PayrollRunEmpty', `payroll run ${runId} has no lines`);
  progress.employees = snapshot.rows;
  phase('checking');

  const ranges: { from: number; to: number }[] = [];
  for (let from = 0; from < snapshot.rows; from += chunkSize)
    ranges.push({ from, to: Math.min(from + chunkSize, snapshot.rows) });
  progress.chunksTotal = ranges.length;
  const findings: PayrollFinding[][] = new Array(ranges.length);
  let next = 0;
  const lane = async () => {
    while (next < ranges.length) {
      const index = next++;
      const range = ranges[index] as { from: number; to: number };
      findings[index] = await executeChild(payrollCheckChunk, {
        workflowId: `${workflowInfo().workflowId}:chunk:${index}`,
        args: [{ header: snapshot.header, snapshot: snapshot.snapshot, ...range }],
      });
      progress.chunksDone += 1;
      progress.findings += findings[index]?.length ?? 0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, ranges.length) }, lane));
  const all = findings.flat();

  // One review task per reviewer group; each decides approve or hold for its own findings.
  const groups = new Map<ReviewerGroup, PayrollFinding[]>();
  for (const f of all) groups.set(reviewerGroupOf[f.kind], [...(groups.get(reviewerGroupOf[f.kind]) ?? []), f]);
  phase('reviewing');
  progress.reviewsOpen = groups.size;
  const decided: (PayrollFinding & { decision: FindingDecision | 'undecided'; reviewer?: string })[] = [];
  await Promise.all(
    [...groups].map(async ([group, groupFindings]) => {
      const outcome = await humanTask({
        key: `review-${group}`,
        type: 'payroll-review',
        title: `Payroll ${runId}: ${groupFindings.length} finding(s) for ${group}`,
        form: 'payroll-review',
        candidates: { roles: [reviewerRoles[group]] },
        sla: {
          dueIn: input.reviewDueIn ?? '1 day',
          remindBefore: '2 hours',
          escalateTo: { roles: ['manager'] },
          expireAfter: '1 day',
        },
        context: {
          runId,
          reviewerGroup: group,
          findings: groupFindings
            .slice(0, 500)
            .map((f) => ({ row: f.row, employeeId: f.employeeId, kind: f.kind, message: f.message })),
          moreFindings: Math.max(0, groupFindings.length - 500),
        },
      });
      progress.reviewsOpen -= 1;
      const held = outcome.outcome === 'completed' ? new Set(heldEmployeeIds(outcome.data)) : new Set<string>();
      for (const f of groupFindings) {
        // An expired review holds: nothing is paid that nobody looked at.
        const decision: FindingDecision =
          outcome.outcome !== 'completed' ||
          outcome.data.decision === 'hold-all' ||
          (outcome.data.decision === 'hold-listed' && held.has(f.employeeId))
            ? 'hold'
            : 'approve';
        decided.push({ ...f, decision, reviewer: outcome.outcome === 'completed' ? outcome.completedBy : undefined });
      }
    }),
  );
  decided.sort((a, b) => a.row - b.row || a.kind.localeCompare(b.kind));

  const heldByEmployee = new Map<string, string[]>();
  for (const f of decided)
    if (f.decision === 'hold') heldByEmployee.set(f.employeeId, [...(heldByEmployee.get(f.employeeId) ?? []), f.kind]);
  const held = [...heldByEmployee].map(([employeeId, kinds]) => ({ employeeId, kinds }));

  let outcome: PayrollCheckedResult['outcome'] = held.length > 0 ? 'held' : 'approved';
  let approvalRefused: string | undefined;
  if (outcome === 'approved' && input.approveWhenClean !== false) {
    const approval = await payroll.approvePayrollRun({ runId });
    if (!approval.approved) {
      outcome = 'not-approved';
      approvalRefused = approval.reason;
    }
  }

  phase('reporting');
  const report = await payroll.writePayrollReport({
    header: snapshot.header,
    outcome,
    employeesChecked: snapshot.rows,
    findings: decided,
    held,
  });
  phase('done');
  upsertSearchAttributes([{ key: BpoStatus, value: outcome }]);
  return {
    runId,
    outcome,
    employeesChecked: snapshot.rows,
    findings: all.length,
    held,
    approvalRefused,
    report: { json: report.json.uri, html: report.html.uri, csv: report.csv.uri },
  };
}
