import { readFile } from 'node:fs/promises';
import { Context } from '@temporalio/activity';
import {
  artifactPath,
  currentCaseOwner,
  unguessableGroup,
  type ArtifactRef,
  type ArtifactStore,
} from '../engine/artifacts';
import type { PayrollFinding, PayrollPolicy, PayrollRecord, PayrollRunHeader } from '../../schemas/payroll/payroll';
import { payrollRunHeader, previousPayrollRunId } from '../../schemas/payroll/payroll-run-id';
import { checkPayrollRows, indexRun } from './check-rules';
import { parsePayrollExport, PayrollExportError } from './parse-export';
import { PortalSession, type PortalCredentials } from './portal-session';
import { reportCsv, reportHtml, type PayrollReport } from './report';
import { payrollFailures } from '../../schemas/payroll/failures';

export interface PayrollDeps {
  portal: PortalCredentials;
  artifacts: ArtifactStore;
  policy: PayrollPolicy;
  /**
   * The only roles (besides admins and auditors) that may read the snapshot and reports: they hold every
   * employee's IBAN and pay. The payroll process's declared roles; a manager who holds none of them does not.
   */
  recordReaders: readonly string[];
}

export interface PayrollSnapshot {
  header: PayrollRunHeader;
  previousRunId: string | null;
  /** Both runs as checked, kept in the artifact store: 10,000 lines are too large for workflow history. */
  snapshot: ArtifactRef;
  rows: number;
  previousRows: number;
}

interface SnapshotFile {
  current: PayrollRecord[];
  previous: PayrollRecord[];
}

/** Payroll through the exports a payroll system offers (CSV), not through screens: faster and exact. */
export function createPayrollActivities(deps: PayrollDeps) {
  const snapshots = new Map<string, SnapshotFile>();
  async function loadSnapshot(ref: ArtifactRef): Promise<SnapshotFile> {
    // Chunks of one run often land on the same worker: parse the snapshot once per process.
    const cached = snapshots.get(ref.uri);
    if (cached) return cached;
    const file = JSON.parse(await readFile(artifactPath(ref), 'utf8')) as SnapshotFile;
    snapshots.clear();
    snapshots.set(ref.uri, file);
    return file;
  }

  return {
    async snapshotPayrollRun(input: { runId: string }): Promise<PayrollSnapshot> {
      const signal = Context.current().cancellationSignal;
      const header = payrollRunHeader(input.runId);
      const session = await PortalSession.signIn(deps.portal, signal);
      const runCsv = await session.getText(`/payroll-runs/${encodeURIComponent(header.runId)}/export.csv`, signal);
      if (runCsv === undefined)
        throw payrollFailures.create('PayrollRunNotFound', `payroll run ${header.runId} does not exist in the portal`);
      const employeesCsv = (await session.getText('/employees/export.csv', signal)) ?? '';
      const previousRunId = previousPayrollRunId(header.runId);
      const previousCsv = await session.getText(
        `/payroll-runs/${encodeURIComponent(previousRunId)}/export.csv`,
        signal,
      );
      Context.current().heartbeat({ step: 'downloaded' });

      let current: PayrollRecord[];
      let previous: PayrollRecord[] = [];
      try {
        current = parsePayrollExport(runCsv, employeesCsv, `${header.runId}.csv`);
        if (previousCsv !== undefined) previous = parsePayrollExport(previousCsv, employeesCsv, `${previousRunId}.csv`);
      } catch (err) {
        if (err instanceof PayrollExportError) {
          throw payrollFailures.create('PayrollExportInvalid', err.message, {
            missingColumns: err.missingColumns,
            rowErrors: err.rowErrors.slice(0, 200),
          });
        }
        throw err;
      }
      // An unguessable group of its own per download, readable only by the payroll roles.
      const snapshot = await deps.artifacts.save(
        unguessableGroup(`payroll-${header.runId}`),
        'snapshot.json',
        JSON.stringify({ current, previous }),
        currentCaseOwner(deps.recordReaders),
      );
      return {
        header,
        previousRunId: previousCsv === undefined ? null : previousRunId,
        snapshot,
        rows: current.length,
        previousRows: previous.length,
      };
    },

    async checkPayrollChunk(input: {
      header: PayrollRunHeader;
      snapshot: ArtifactRef;
      from: number;
      to: number;
    }): Promise<PayrollFinding[]> {
      const { current, previous } = await loadSnapshot(input.snapshot);
      return checkPayrollRows(input.header, current, indexRun(current, previous), deps.policy, input.from, input.to);
    },

    async writePayrollReport(
      report: Omit<PayrollReport, 'generatedAt'>,
    ): Promise<{ json: ArtifactRef; html: ArtifactRef; csv: ArtifactRef }> {
      const full: PayrollReport = { ...report, generatedAt: new Date().toISOString() };
      const group = unguessableGroup(`payroll-${report.header.runId}-report`);
      const owner = currentCaseOwner(deps.recordReaders);
      return {
        json: await deps.artifacts.save(group, 'report.json', JSON.stringify(full, null, 2), owner),
        html: await deps.artifacts.save(group, 'report.html', reportHtml(full), owner),
        csv: await deps.artifacts.save(group, 'findings.csv', reportCsv(full), owner),
      };
    },

    /** Approves the run in the portal: the step after which money moves. */
    async approvePayrollRun(input: { runId: string }): Promise<{ approved: boolean; reason?: string }> {
      const signal = Context.current().cancellationSignal;
      const session = await PortalSession.signIn(deps.portal, signal);
      const { status, body } = await session.postForm(
        `/payroll-runs/${encodeURIComponent(input.runId)}/approve`,
        {},
        signal,
      );
      if (status === 302 || status === 303) return { approved: true };
      const alert = /role="alert"[^>]*>([\s\S]*?)<\//
        .exec(body)?.[1]
        ?.replace(/<[^>]+>/g, ' ')
        .trim();
      return { approved: false, reason: alert || `portal answered ${status}` };
    },
  };
}
