import type { ApprovalForm } from '../engine/approval-form';
import type { PurchaseRequestForm } from './purchase-request-form';
import type { AuditRecord, SignOff } from '../engine/human-task';

/** Above this amount two different approvers must sign. */
export const DUAL_APPROVAL_LIMIT = 1000;

export interface PurchaseRequestInput extends PurchaseRequestForm {
  requestedBy: string;
}

export interface PurchaseRequestResult {
  decision: ApprovalForm['decision'] | 'expired';
  approvers: string[];
  comment?: string;
  recordId?: string;
  signOffs: SignOff[];
  audit: AuditRecord[];
}
