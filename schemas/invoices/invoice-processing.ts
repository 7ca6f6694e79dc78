import type { Invoice } from './invoice';
import type { MatchResult } from './invoice-match';
import type { InvoicePolicy, PaymentPlan } from './invoice-policy';

/**
 * received → validating → (bank-review) → matching → (match-exception) → (awaiting-approval) → posting → posted
 * → payment-scheduled → paid. Ends: paid, rejected (a rule or a person said no; nothing posted), reversed (posted,
 * then a later step failed for good: the posting was reversed), failed (a fault before anything was posted).
 */
export type InvoiceProcessingStatus =
  | 'received'
  | 'validating'
  | 'bank-review'
  | 'matching'
  | 'match-exception'
  | 'awaiting-approval'
  | 'posting'
  | 'posted'
  | 'payment-scheduled'
  | 'paying'
  | 'paid'
  | 'rejected'
  | 'reversed'
  | 'failed';

export interface InvoiceProcessingInput {
  invoice: Invoice;
  policy: InvoicePolicy;
  /** Where the portal bots listen. */
  botsTaskQueue: string;
  /** How it arrived: 'cli', 'api', 'drop-folder:<file>'. */
  source?: string;
}

/** The vendor master as the bot reads it from the portal. */
export interface VendorMaster {
  vendorId: string;
  name: string;
  vatId: string;
  iban: string;
  active: boolean;
}

export interface InvoiceProcessingState {
  businessKey: string;
  status: InvoiceProcessingStatus;
  vendorId: string;
  total: number;
  currency: string;
  dueDate: string;
  approversNeeded?: number;
  approvedBy: string[];
  match?: MatchResult;
  documentNumber?: string;
  reversalDocumentNumber?: string;
  payment?: PaymentPlan & { paymentId?: string };
  /** Why it was rejected, reversed or failed. */
  reason?: string;
  /** Every status with the workflow time it was entered. */
  steps: Array<{ status: InvoiceProcessingStatus; at: string }>;
}

export type InvoiceProcessingResult = InvoiceProcessingState & { status: 'paid' | 'rejected' | 'reversed' | 'failed' };
