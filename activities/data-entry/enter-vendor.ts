import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { EvidenceRef } from '../engine/artifacts/artifact-store';
import type { PageLease } from '../engine/browser/browser-pool';
import type { PortalBotDeps } from '../systems/portal/bot-deps';
import {
  vendorRecordSchema,
  type NumberedVendorRecord,
  type VendorRecord,
} from '../../schemas/data-entry/vendor-record';
import { captureEvidence } from '../systems/portal/capture-evidence';
import { NewVendorPage, VendorDetailPage, VendorListPage, type VendorDetails } from '../systems/portal/pages';
import { signInLease } from '../systems/portal/portal-sessions';
import {
  isTechnical,
  PortalLoginRejectedError,
  PortalRejectedError,
  RecordAppearedError,
  SessionExpiredError,
  type PortalFieldError,
} from '../systems/portal/portal-errors';

export interface EnterVendorInput extends NumberedVendorRecord {
  batchId: string;
}

export interface EnterVendorResult {
  row: number;
  vatId: string;
  outcome: 'entered' | 'already-present';
  vendorId: string;
  /** Fields where a vendor already present differs from the record (it is not changed). */
  differences: string[];
}

/** Heartbeat details: the last confirmed step, so a retry resumes after it. */
export interface EnterVendorProgress {
  step: 'signed-in' | 'looked-up' | 'created' | 'verified';
  vendorId?: string;
  alreadyPresent?: boolean;
}

/** Details of a PortalRejected failure (business: the portal refused the data). */
export interface PortalRejectionDetails {
  row: number;
  vatId: string;
  fieldErrors: PortalFieldError[];
  summary: string[];
  evidence: EvidenceRef;
}

export const failureTypes = {
  rejected: 'PortalRejected',
  verificationFailed: 'PortalVerificationFailed',
  loginRejected: 'PortalLoginRejected',
  unavailable: 'PortalUnavailable',
} as const;

const compact = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Record fields that the portal's read-back does not match (after the portal's own normalisation). */
function differencesOf(record: VendorRecord, read: VendorDetails): string[] {
  const pairs: Array<[keyof VendorRecord, string]> = [
    ['name', read.name],
    ['vatId', read.vatId],
    ['iban', read.iban],
    ['email', read.email],
    ['address', read.address],
  ];
  return pairs
    .filter(([key, actual]) => compact(record[key]).toLowerCase() !== compact(actual).toLowerCase())
    .map(([key]) => key);
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Enters one vendor into the portal, exactly once: look up by VAT id, create only if absent, read back.
 * Every confirmed step is heartbeated; a retried attempt starts after the last one.
 */
export async function enterVendorWith(deps: PortalBotDeps, input: EnterVendorInput): Promise<EnterVendorResult> {
  const ctx = Context.current();
  const signal = ctx.cancellationSignal;
  const resumed = (ctx.info.heartbeatDetails as EnterVendorProgress | undefined) ?? undefined;
  const progress: EnterVendorProgress = { step: 'signed-in', ...(resumed ?? {}) };
  const confirm = (next: Partial<EnterVendorProgress>) => {
    Object.assign(progress, next);
    ctx.heartbeat({ ...progress });
  };
  if (resumed) log.info('resuming vendor entry', { row: input.row, ...resumed });
  // The workflow sends validated records; checking again here keeps the activity safe to call from anywhere.
  const parsed = vendorRecordSchema.safeParse(input.record);
  if (!parsed.success) {
    throw ApplicationFailure.create({
      message: `row ${input.row} is not a valid vendor record: ${parsed.error.message}`,
      type: 'InvalidRecord',
      nonRetryable: true,
    });
  }
  const record = parsed.data;
  const attempts = deps.stepAttempts ?? 5;

  let finished = false;
  return deps.pool
    .withPage<EnterVendorResult>(async (lease) => {
      const { page } = lease;
      // Every answer from the portal is a sign of life: a page that hangs stops heartbeating and is retried.
      page.on('response', () => finished || ctx.heartbeat({ ...progress }));
      let differences: string[] = [];
      let signedIn = false;
      let relogins = 0;
      // The worker's saved session is tried once per activity; `onSavedSession` says the current one is that.
      let reuse = true;
      let onSavedSession = false;
      for (let attempt = 1; ; attempt += 1) {
        try {
          if (!signedIn) {
            onSavedSession = !(
              await signInLease(deps, lease, {
                next: progress.vendorId ? `/vendors/${progress.vendorId}` : '/vendors/new',
                reuse,
              })
            ).fresh;
            reuse = false;
            signedIn = true;
            ctx.heartbeat({ ...progress });
          }
          if (!progress.vendorId) {
            // The form first: the look-up then runs from it, without a page of its own, and a new vendor (the usual
            // case in a batch) needs no further page load before it is entered.
            const form = await new NewVendorPage(page, deps.portalUrl).show();
            const found = await new VendorListPage(page, deps.portalUrl).findByVatId(record.vatId);
            if (found[0]) confirm({ step: 'looked-up', vendorId: found[0].vendorId, alreadyPresent: true });
            else {
              confirm({ step: 'looked-up' });
              try {
                confirm({ step: 'created', vendorId: await form.create(record), alreadyPresent: false });
              } catch (err) {
                // Someone else registered this VAT id since our look-up: it is present, not rejected.
                if (
                  err instanceof PortalRejectedError &&
                  err.fieldErrors.length === 1 &&
                  err.fieldErrors[0]?.field === 'vatId' &&
                  /already exists/.test(err.fieldErrors[0].message)
                ) {
                  throw new RecordAppearedError(`VAT id ${record.vatId}`);
                }
                throw err;
              }
            }
          }
          const read = await new VendorDetailPage(page, deps.portalUrl).read(progress.vendorId as string);
          if (!read) throw new Error(`vendor ${progress.vendorId} is missing from the portal right after entry`);
          differences = differencesOf(record, read);
          if (differences.length > 0 && !progress.alreadyPresent) {
            throw await failure(
              deps,
              lease,
              input,
              new Error(`vendor ${read.vendorId} reads back differently in: ${differences.join(', ')}`),
              failureTypes.verificationFailed,
              true,
            );
          }
          confirm({ step: 'verified' });
          return {
            row: input.row,
            vatId: record.vatId,
            outcome: progress.alreadyPresent ? 'already-present' : 'entered',
            vendorId: read.vendorId,
            differences,
          };
        } catch (err) {
          if (err instanceof ApplicationFailure) throw err;
          if (signal.aborted) throw err;
          if (err instanceof PortalRejectedError) {
            const evidence = await captureEvidence(deps.artifacts, lease, `row-${input.row}-rejected`, err);
            const details: PortalRejectionDetails = {
              row: input.row,
              vatId: record.vatId,
              fieldErrors: err.fieldErrors,
              summary: err.summary,
              evidence,
            };
            throw ApplicationFailure.create({
              message: err.message,
              type: failureTypes.rejected,
              nonRetryable: true,
              details: [details],
            });
          }
          if (err instanceof PortalLoginRejectedError)
            throw await failure(deps, lease, input, err, failureTypes.loginRejected, true);
          // A saved session the portal no longer honours: sign in for real at once, at no cost of an attempt.
          if (err instanceof SessionExpiredError && onSavedSession) {
            signedIn = onSavedSession = false;
            attempt -= 1;
            continue;
          }
          // Signing in again is the normal cure for an expired session; only other faults use up the attempts.
          if (err instanceof SessionExpiredError) {
            signedIn = false;
            if (relogins++ < attempts) attempt -= 1;
          }
          if (!isTechnical(err) || attempt >= attempts)
            throw await failure(deps, lease, input, err, failureTypes.unavailable, false);
          log.warn('portal step failed, trying again', {
            row: input.row,
            attempt,
            step: progress.step,
            error: (err as Error).message,
          });
          ctx.heartbeat({ ...progress });
          await pause(Math.min(200 * 2 ** (attempt - 1), 2_000), signal);
        }
      }
    }, signal)
    .finally(() => (finished = true));
}

async function failure(
  deps: PortalBotDeps,
  lease: PageLease,
  input: EnterVendorInput,
  err: unknown,
  type: string,
  nonRetryable: boolean,
): Promise<ApplicationFailure> {
  const evidence = await captureEvidence(deps.artifacts, lease, `row-${input.row}-${type}`, err);
  const message = err instanceof Error ? err.message : String(err);
  return ApplicationFailure.create({
    message,
    type,
    nonRetryable,
    details: [{ row: input.row, vatId: input.record.vatId, evidence }],
  });
}
