import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { EvidenceRef } from '../../activities/engine/artifacts';
import type { PortalActivities, PortalRejectionDetails } from '../../activities/data-entry';
import type { NumberedVendorRecord } from '../../schemas/data-entry/vendor-record';
import type { RecordOutcome } from './outcomes';
import { botSteps } from '../engine';

/** The portal bots as a data-entry workflow calls them: chunks and exception follow-ups use the same path. */
export function botsFor(taskQueue: string, heartbeatTimeoutSeconds = 30) {
  // A hung page stops heartbeating: the attempt is abandoned and retried well before the 3 minutes.
  return botSteps<PortalActivities>({ taskQueue, attempts: 10, heartbeatTimeout: heartbeatTimeoutSeconds * 1000 });
}

/** Turns a bot's failure into the record's outcome: rejected by the portal (business) or failed (gave up). */
export function outcomeOfFailure(
  item: NumberedVendorRecord,
  err: unknown,
): Extract<RecordOutcome, { outcome: 'rejected' | 'failed' }> {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  const base = { row: item.row, vatId: item.record.vatId };
  if (cause instanceof ApplicationFailure) {
    const details = (cause.details?.[0] ?? {}) as Partial<PortalRejectionDetails> & { evidence?: EvidenceRef };
    if (cause.type === 'PortalRejected') {
      const reason = details.fieldErrors?.map((e) => `${e.field}: ${e.message}`).join('; ') || cause.message;
      return {
        ...base,
        outcome: 'rejected',
        reason,
        fieldErrors: details.fieldErrors ?? [],
        evidence: details.evidence,
      };
    }
    return {
      ...base,
      outcome: 'failed',
      reason: `${cause.type ?? 'Error'}: ${cause.message}`,
      evidence: details.evidence,
    };
  }
  return { ...base, outcome: 'failed', reason: err instanceof Error ? err.message : String(err) };
}
