import type { EvidenceRef } from '../../activities/engine/artifacts';
import type { AuditRecord } from '../engine/human-task';
import type { DocumentCheckAnswer } from './document-check';
import type { VendorOnboardingForm } from './vendor-onboarding-form';

export interface VendorOnboardingInput extends VendorOnboardingForm {
  /** The signed-in user who launched it: told the outcome, and never the approver of their own request. */
  requestedBy: string;
  /** The bots queue (with the engine's task-queue prefix); default `bots`. */
  botsTaskQueue?: string;
  /** The llm queue (with the engine's task-queue prefix); default `llm`. */
  llmTaskQueue?: string;
}

/** A vendor the portal already holds, and which detail of the request it shares. */
export interface ExistingVendor {
  vendorId: string;
  name: string;
  matchedOn: 'vatId' | 'iban';
}

/** What the portal look-up found for a VAT id and an IBAN. */
export interface VendorLookUp {
  duplicates: ExistingVendor[];
}

/** What the approver is shown of the model's check of the supporting text. */
export interface DocumentCheckSummary {
  /** True only for a confident model answer that confirms every detail. */
  confirmed: boolean;
  /** Why a person must look (set whenever `confirmed` is false). */
  warning?: string;
  answer?: DocumentCheckAnswer;
  source?: 'llm' | 'cache' | 'offline';
}

export interface CreatedVendor {
  vendorId: string;
  /** The created vendor's page, saved as evidence. */
  evidence: EvidenceRef;
  /** A previous attempt of this same step had already created it. */
  resumed: boolean;
}

export type VendorOnboardingResult = {
  /** What the requester is told, in a sentence. */
  message: string;
  requestedBy: string;
  audit: AuditRecord[];
} & (
  | {
      outcome: 'created';
      vendorId: string;
      evidence: EvidenceRef;
      approvedBy: string;
      comment?: string;
      documentCheck: DocumentCheckSummary;
    }
  | { outcome: 'duplicate'; duplicateOf: ExistingVendor; documentCheck?: DocumentCheckSummary }
  | { outcome: 'rejected'; rejectedBy: string; comment?: string; documentCheck: DocumentCheckSummary }
  | { outcome: 'expired'; documentCheck: DocumentCheckSummary }
);
