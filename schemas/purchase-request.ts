import type { ApprovalForm } from './forms/approval';
import type { PurchaseRequestForm } from './forms/purchase-request';
import type { AuditRecord, SignOff } from './human-task';

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
