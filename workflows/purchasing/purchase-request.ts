import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createPurchasingActivities } from '../../activities/purchasing';
import {
  DUAL_APPROVAL_LIMIT,
  type PurchaseRequestInput,
  type PurchaseRequestResult,
} from '../../schemas/purchasing/purchase-request';
import { humanTask } from '../engine';

const purchasing = proxyActivities<ReturnType<typeof createPurchasingActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * The demo of attended work: someone asks to buy something, an approver (two above the limit, never the
 * requester) decides in the inbox, and the decision is recorded.
 */
export async function purchaseRequest(input: PurchaseRequestInput): Promise<PurchaseRequestResult> {
  const outcome = await humanTask({
    key: 'approval',
    type: 'approval',
    title: `Approve purchase: ${input.item} (${input.amount.toFixed(2)} ${input.currency})`,
    form: 'approval',
    process: 'purchase-request',
    candidates: { roles: ['approver'] },
    priority: input.amount > DUAL_APPROVAL_LIMIT ? 2 : 1,
    sla: { dueIn: '1 day', remindBefore: '4 hours', escalateTo: { roles: ['manager'] } },
    fourEyes: { excludedUsers: [input.requestedBy], approvals: input.amount > DUAL_APPROVAL_LIMIT ? 2 : 1 },
    context: {
      item: input.item,
      amount: input.amount,
      currency: input.currency,
      justification: input.justification,
      requestedBy: input.requestedBy,
    },
  });
  if (outcome.outcome === 'expired') return { decision: 'expired', approvers: [], signOffs: [], audit: outcome.audit };

  const approvers = outcome.signOffs.map((s) => s.by);
  const record = await purchasing.recordPurchaseDecision({
    requestId: workflowInfo().workflowId,
    item: input.item,
    amount: input.amount,
    currency: input.currency,
    requestedBy: input.requestedBy,
    decision: outcome.data.decision,
    approvers,
    comment: outcome.data.comment,
  });
  return {
    decision: outcome.data.decision,
    approvers,
    comment: outcome.data.comment,
    recordId: record.recordId,
    signOffs: outcome.signOffs,
    audit: outcome.audit,
  };
}
