import type { Config } from '../../platform/config';
import type { DataEntryReport, ExceptionOutcome, WaitingTask } from '../../workflows/data-entry';
import { artifactRoutePath, artifactsRoot } from '../api/artifacts/artifact-paths';
import { apiUrlOf } from '../cli/api-session';

const taskList = (e: ExceptionOutcome) =>
  `task${e.tasks.length === 1 ? '' : 's'} ${e.tasks.map((t) => t.taskId).join(', ')}`;

/** One line per rejected row: how its exception task(s) ended. */
function exceptionLine(e: ExceptionOutcome): string {
  const row = `row ${e.row} (${e.vatId})`;
  switch (e.resolution) {
    case 'entered':
      return `  ✔ ${row}: entered after correction as ${e.vendorId}, corrected by ${e.by} (${taskList(e)})`;
    case 'already-present':
      return `  ↺ ${row}: after correction already present as ${e.vendorId}, corrected by ${e.by} (${taskList(e)})`;
    case 'dismissed':
      return `  ✖ ${row}: dismissed by ${e.by}${e.comment ? `: ${e.comment}` : ''} (${taskList(e)})`;
    default:
      return `  ⚠ ${row}: ${e.resolution}, still needs review: ${e.reason ?? ''} (${taskList(e)})`;
  }
}

/** Tasks that wait in the inbox, as the batch progresses. */
export function printWaitingTasks(tasks: WaitingTask[]): void {
  for (const t of tasks) {
    console.log(
      `⚑ row ${t.row} (${t.vatId}): exception task ${t.taskId}${t.attempt > 1 ? ` (attempt ${t.attempt})` : ''} is in the inbox for role ${t.role}`,
    );
  }
}

/**
 * Bots reference evidence as `file://` URIs in the artifacts folder; the API serves that folder to signed-in users,
 * so a file there is shown as its inbox link, which opens from any machine. Other references are shown as they are.
 */
export function evidenceLinks(
  config: Pick<Config, 'API_PORT' | 'ARTIFACTS_DIR' | 'DATA_DIR'>,
): (uri: string) => string {
  const root = artifactsRoot(config);
  return (uri) => {
    const route = artifactRoutePath(root, uri);
    return route ? `${apiUrlOf(config)}${route}` : uri;
  };
}

export function printReport(report: DataEntryReport, link: (uri: string) => string = (uri) => uri): void {
  const c = report.counts;
  console.log(`\n${report.source} (batch ${report.batchId}): ${report.rows} row(s)`);
  console.log(
    `  entered          ${c.entered}\n  already present  ${c.alreadyPresent}\n  rejected         ${c.rejected}\n  failed           ${c.failed}\n  invalid          ${c.invalid}`,
  );
  for (const row of report.invalid) {
    console.log(
      `✖ row ${row.row} is invalid, not entered:\n${row.errors.map((e) => `    ${e.path || '(record)'}: ${e.message}`).join('\n')}`,
    );
  }
  for (const o of report.outcomes)
    if (o.outcome === 'already-present' && o.differences.length > 0) {
      console.log(
        `↺ row ${o.row} (${o.vatId}) was already present as ${o.vendorId}, differing in: ${o.differences.join(', ')} (left unchanged)`,
      );
    }
  if (report.exceptions && report.exceptions.length > 0) {
    console.log(`\nRejected by the portal, worked as exception tasks in the inbox (${report.exceptions.length}):`);
    for (const e of report.exceptions) console.log(exceptionLine(e));
  }
  if (report.needsReview.length > 0) {
    console.log(`\nNeeds review (${report.needsReview.length}):`);
    for (const item of report.needsReview) {
      console.log(`  row ${item.row} (${item.vatId}): ${item.reason}`);
      for (const file of item.evidence?.files ?? []) console.log(`      evidence: ${link(file.uri)}`);
    }
  }
}
