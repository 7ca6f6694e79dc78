import { defineQuery, isCancellation, setHandler, workflowInfo } from '@temporalio/workflow';
import type { EvidenceRef } from '../../activities/engine/artifacts';
import type { PortalFieldError } from '../../activities/systems/portal/portal-errors';
import { fieldErrors } from '../../schemas/engine/validation';
import { vendorRecordSchema, type VendorRecord } from '../../schemas/data-entry/vendor-record';
import { humanTask, taskWorkflowId } from '../engine';
import { evidenceLinks } from './evidence-links';
import type { ExceptionOutcome, ExceptionTaskRef, ExceptionTaskSettings, WaitingTask } from './outcomes';
import { botsFor, outcomeOfFailure } from './vendor-bots';

/** A row the portal refused, with what it said and what the bot saw. */
export interface RejectedRow {
  row: number;
  record: VendorRecord;
  reason: string;
  fieldErrors: PortalFieldError[];
  evidence?: EvidenceRef;
}

export interface DataEntryExceptionsInput {
  batchId: string;
  batchWorkflowId: string;
  source: string;
  chunk: number;
  rows: RejectedRow[];
  botsTaskQueue: string;
  heartbeatTimeoutSeconds?: number;
  tasks: ExceptionTaskSettings;
}

export interface ExceptionsProgress {
  chunk: number;
  rows: number;
  resolved: number;
  waiting: WaitingTask[];
}

export const dataEntryExceptionsProgressQuery = defineQuery<ExceptionsProgress>('dataEntryExceptionsProgress');

/** Used when a batch names no settings: nobody's work waits forever. */
export const defaultExceptionTasks: ExceptionTaskSettings = { role: 'clerk', dueIn: '2 days', expireAfter: '3 days' };

export function exceptionsWorkflowId(chunkWorkflowId: string): string {
  return `${chunkWorkflowId}:exceptions`;
}

export function exceptionTaskKey(row: number, attempt: number): string {
  return `row-${row}-${attempt}`;
}

/** The file's record with the clerk's corrected fields over it, checked again by the vendor-record schema. */
function corrected(record: VendorRecord, fields: Partial<VendorRecord> | undefined) {
  const defined = Object.fromEntries(Object.entries(fields ?? {}).filter(([, v]) => v !== undefined));
  return vendorRecordSchema.safeParse({ ...record, ...defined });
}

/**
 * The rows of one chunk that the portal rejected, each worked by a person in an exception task: a corrected
 * record is entered again by the bot (a new refusal opens a new task), a dismissed one is left out. One such
 * child per chunk keeps every history bounded by the chunk size, and the chunk's bots are free meanwhile.
 */
export async function dataEntryExceptions(input: DataEntryExceptionsInput): Promise<ExceptionOutcome[]> {
  const bots = botsFor(input.botsTaskQueue, input.heartbeatTimeoutSeconds);
  const { workflowId } = workflowInfo();
  const waiting = new Map<number, WaitingTask>();
  let resolved = 0;
  setHandler(dataEntryExceptionsProgressQuery, () => ({
    chunk: input.chunk,
    rows: input.rows.length,
    resolved,
    waiting: [...waiting.values()],
  }));

  const resolve = async (rejected: RejectedRow): Promise<ExceptionOutcome> => {
    const tasks: ExceptionTaskRef[] = [];
    let record = rejected.record;
    let refusal = { reason: rejected.reason, fieldErrors: rejected.fieldErrors, evidence: rejected.evidence };
    const ended = (outcome: Omit<ExceptionOutcome, 'row' | 'vatId' | 'tasks'>): ExceptionOutcome => {
      resolved += 1;
      return { row: rejected.row, vatId: record.vatId, tasks, ...outcome };
    };

    for (let attempt = 1; ; attempt += 1) {
      const key = exceptionTaskKey(rejected.row, attempt);
      const taskId = taskWorkflowId(workflowId, key);
      waiting.set(rejected.row, { row: rejected.row, vatId: record.vatId, taskId, attempt, role: input.tasks.role });
      let task;
      try {
        task = await humanTask({
          key,
          type: 'data-entry-exception',
          title:
            `Portal rejected vendor ${record.vatId} (row ${rejected.row} of ${input.source}): ${refusal.reason}`.slice(
              0,
              300,
            ),
          form: 'vendor-exception',
          candidates: { roles: [input.tasks.role] },
          priority: 1,
          sla: { dueIn: input.tasks.dueIn, escalateTo: { roles: ['manager'] }, expireAfter: input.tasks.expireAfter },
          context: {
            batchId: input.batchId,
            batchWorkflowId: input.batchWorkflowId,
            source: input.source,
            row: rejected.row,
            attempt,
            record,
            fieldErrors: refusal.fieldErrors,
            rejection: refusal.reason,
            evidenceId: refusal.evidence?.id ?? null,
            previousTasks: tasks.map((t) => t.taskId),
            howToDecide:
              'Retry with the corrected fields (empty fields keep the values shown under record): the bot enters the record again, and a new refusal comes back as a new task. Dismiss, with a reason, to leave the row out.',
          },
          evidence: evidenceLinks(refusal.evidence),
        });
      } catch (err) {
        // A task withdrawn by a supervisor (or failed) ends the row without a decision; the batch goes on.
        if (isCancellation(err)) throw err;
        waiting.delete(rejected.row);
        tasks.push({ taskId, attempt, rejection: refusal.reason, decision: 'ended' });
        return ended({
          resolution: 'failed',
          reason: `the exception task ended without a decision: ${err instanceof Error ? err.message : String(err)}`,
          evidence: refusal.evidence,
        });
      }
      waiting.delete(rejected.row);

      if (task.outcome !== 'completed') {
        tasks.push({ taskId: task.taskId, attempt, rejection: refusal.reason, decision: 'expired' });
        return ended({
          resolution: 'expired',
          reason: `nobody decided on the exception task in time (${refusal.reason})`,
          evidence: refusal.evidence,
        });
      }
      const { decision, comment } = task.data;
      tasks.push({ taskId: task.taskId, attempt, rejection: refusal.reason, decision, by: task.completedBy });
      if (decision === 'dismiss') return ended({ resolution: 'dismissed', by: task.completedBy, comment });

      const next = corrected(record, task.data.record);
      if (!next.success) {
        // Cannot happen with the form's own checks; if it does, the clerk sees why in the next task.
        const errors = fieldErrors(next.error).map((e) => ({ field: e.path || 'record', message: e.message }));
        refusal = {
          reason: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
          fieldErrors: errors,
          evidence: undefined,
        };
        continue;
      }
      record = next.data;
      try {
        // The same bot path as the first pass: look up by VAT id, create only if absent, read back.
        const entered = await bots.enterVendor({ batchId: input.batchId, row: rejected.row, record });
        return ended({ resolution: entered.outcome, vendorId: entered.vendorId, by: task.completedBy, comment });
      } catch (err) {
        if (isCancellation(err)) throw err;
        const failure = outcomeOfFailure({ row: rejected.row, record }, err);
        if (failure.outcome === 'rejected') {
          refusal = { reason: failure.reason, fieldErrors: failure.fieldErrors, evidence: failure.evidence };
          continue;
        }
        return ended({
          resolution: 'failed',
          by: task.completedBy,
          reason: failure.reason,
          evidence: failure.evidence,
        });
      }
    }
  };

  return Promise.all(input.rows.map(resolve));
}
