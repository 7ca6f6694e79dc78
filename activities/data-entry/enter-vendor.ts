import { Context, log } from '@temporalio/activity';
import type { EvidenceRef } from '../engine/artifacts';
import { botFailures } from '../../schemas/engine/failures';
import type { PortalBotDeps } from '../systems/portal/bot-deps';
import {
  vendorRecordSchema,
  type NumberedVendorRecord,
  type VendorRecord,
} from '../../schemas/data-entry/vendor-record';
import { NewVendorPage, VendorDetailPage, VendorListPage, type VendorDetails } from '../systems/portal/pages';
import { PortalRejectedError, RecordAppearedError, type PortalFieldError } from '../systems/portal/portal-errors';
import { runBotStep } from '../systems/portal/run-bot-step';

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

/**
 * Enters one vendor into the portal, exactly once: look up by VAT id, create only if absent, read back.
 * Every confirmed step is heartbeated; a retried attempt starts after the last one.
 */
export async function enterVendorWith(deps: PortalBotDeps, input: EnterVendorInput): Promise<EnterVendorResult> {
  const ctx = Context.current();
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
    throw botFailures.create('InvalidRecord', `row ${input.row} is not a valid vendor record: ${parsed.error.message}`);
  }
  const record = parsed.data;

  return runBotStep(deps, {
    label: `row-${input.row}`,
    details: { row: input.row, vatId: record.vatId },
    progress: () => ({ ...progress }),
    // A retried attempt lands where the last one left off: on the created vendor, or on the new-vendor form.
    signInTo: () => (progress.vendorId ? `/vendors/${progress.vendorId}` : '/vendors/new'),
    work: async ({ page }, { fail }) => {
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
      const differences = differencesOf(record, read);
      if (differences.length > 0 && !progress.alreadyPresent) {
        throw await fail(
          'PortalVerificationFailed',
          new Error(`vendor ${read.vendorId} reads back differently in: ${differences.join(', ')}`),
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
    },
  });
}
