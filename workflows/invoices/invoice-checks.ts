/**
 * The stages before anything is posted: the vendor, its bank account, the three-way match and the approval. Each
 * throws a Rejection when a rule or a person says no; the invoice then ends as rejected.
 */
import { threeWayMatch, type MatchResult, type PurchaseOrderView } from '../../schemas/invoices/invoice-match';
import { approversNeeded } from '../../schemas/invoices/invoice-policy';
import type { VendorMaster } from '../../schemas/invoices/invoice-processing';
import { humanTask } from '../engine';
import { enter, Rejection, type InvoiceRun } from './invoice-run';

/** 1. Business validation: the vendor exists and may be paid. Returns its master data as the portal holds it. */
export async function validateVendor(run: InvoiceRun): Promise<VendorMaster> {
  const { invoice } = run;
  enter(run, 'validating');
  const master = await run.bots.steps.readVendorMaster({ vendorId: invoice.vendorId });
  if (!master) throw new Rejection(`vendor ${invoice.vendorId} does not exist in the portal`);
  if (!master.active) throw new Rejection(`vendor ${invoice.vendorId} (${master.name}) is inactive`);
  return master;
}

/** A bank account other than the vendor master's always goes to a person. */
export async function reviewBankAccount(run: InvoiceRun, vendor: VendorMaster): Promise<void> {
  const { invoice, policy, state } = run;
  if (!invoice.iban || invoice.iban === vendor.iban) return;
  enter(run, 'bank-review');
  const review = await humanTask({
    key: 'bank-review',
    type: 'invoice-bank-review',
    title: `Bank account differs from the vendor master: ${run.label}`,
    form: 'approval',
    candidates: { roles: [policy.bankReviewRole] },
    priority: 3,
    sla: run.sla,
    fourEyes: { excludedUsers: run.excludedUsers },
    context: {
      businessKey: state.businessKey,
      vendor: { id: vendor.vendorId, name: vendor.name },
      bankAccount: { onInvoice: invoice.iban, inVendorMaster: vendor.iban },
      note: 'A changed bank account is a common fraud signal: confirm it with the vendor through a known contact before approving.',
    },
  });
  if (review.outcome !== 'completed') throw new Rejection('the bank account review expired');
  if (review.data.decision !== 'approve')
    throw new Rejection(`bank account not confirmed: ${review.data.comment ?? ''}`.trim());
}

/** 2. Three-way match: invoice against purchase order and goods receipts, within the policy's tolerances. */
export async function matchPurchaseOrder(run: InvoiceRun): Promise<void> {
  const { invoice, policy, state } = run;
  const poNumber = invoice.poNumber;
  if (!poNumber) return;
  enter(run, 'matching');
  const po: PurchaseOrderView | null = await run.bots.steps.readPurchaseOrder({ purchaseOrderId: poNumber });
  const match: MatchResult = po ? threeWayMatch(invoice, po, policy) : missingPurchaseOrder(poNumber);
  state.match = match;
  if (match.differences.length === 0) return;
  enter(run, 'match-exception');
  const decision = await humanTask({
    key: 'match-exception',
    type: 'invoice-match-exception',
    title: `Invoice does not match ${poNumber}: ${run.label}`,
    form: 'approval',
    candidates: { roles: [policy.exceptionRole] },
    priority: 2,
    sla: run.sla,
    fourEyes: { excludedUsers: run.excludedUsers },
    context: {
      businessKey: state.businessKey,
      purchaseOrder: poNumber,
      goodsReceipts: match.goodsReceipts,
      tolerances: {
        pricePercent: policy.priceTolerancePercent,
        quantityPercent: policy.quantityTolerancePercent,
      },
      sideBySide: match.rows,
      differences: match.differences,
      howToDecide:
        'Approve to accept the differences and continue to approval; reject (with a reason) to send the invoice back.',
    },
  });
  if (decision.outcome !== 'completed') throw new Rejection('the match exception expired');
  if (decision.data.decision !== 'approve')
    throw new Rejection(`match exception rejected: ${decision.data.comment ?? ''}`.trim());
}

/** A purchase order the portal does not know is one difference, for a person to decide on like any other. */
function missingPurchaseOrder(poNumber: string): MatchResult {
  return {
    purchaseOrderId: poNumber,
    goodsReceipts: [],
    rows: [],
    differences: [
      {
        line: 0,
        field: 'purchaseOrder',
        invoiced: poNumber,
        expected: '',
        message: `purchase order ${poNumber} does not exist`,
      },
    ],
  };
}

/** 3. Approval by policy: none below the first limit, one approver up to the second, two distinct above it. */
export async function approveByPolicy(run: InvoiceRun, vendor: VendorMaster): Promise<void> {
  const { invoice, policy, state } = run;
  const needed = approversNeeded(invoice.total, policy);
  state.approversNeeded = needed;
  if (needed === 0) {
    state.approvedBy = ['policy:auto-approve'];
    return;
  }
  enter(run, 'awaiting-approval');
  const approval = await humanTask({
    key: 'approval',
    type: 'invoice-approval',
    title: `Approve invoice ${run.label}`,
    form: 'approval',
    candidates: { roles: [policy.approverRole] },
    priority: needed,
    sla: run.sla,
    fourEyes: { excludedUsers: run.excludedUsers, approvals: needed },
    context: {
      businessKey: state.businessKey,
      vendor: { id: vendor.vendorId, name: vendor.name },
      invoiceNumber: invoice.invoiceNumber,
      invoiceDate: invoice.invoiceDate,
      dueDate: invoice.dueDate,
      total: invoice.total,
      currency: invoice.currency,
      purchaseOrder: invoice.poNumber ?? null,
      lines: invoice.lines,
      submittedBy: invoice.submittedBy,
      approversNeeded: needed,
    },
  });
  if (approval.outcome !== 'completed') throw new Rejection('the approval expired');
  if (approval.data.decision !== 'approve')
    throw new Rejection(`rejected by ${approval.completedBy}: ${approval.data.comment ?? ''}`.trim());
  state.approvedBy = approval.signOffs.map((s) => s.by);
}
