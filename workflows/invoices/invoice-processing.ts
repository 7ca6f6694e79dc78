import {
  CancellationScope,
  condition,
  defineQuery,
  defineSignal,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { InvoiceActivities } from '../../activities/invoices';
import type { InvoiceBotActivities } from '../../activities/invoices/invoice-bot';
import { invoiceBusinessKey } from '../../schemas/invoices/invoice';
import { threeWayMatch, type MatchResult, type PurchaseOrderView } from '../../schemas/invoices/invoice-match';
import { approversNeeded, paymentPlan } from '../../schemas/invoices/invoice-policy';
import type {
  InvoiceProcessingInput,
  InvoiceProcessingResult,
  InvoiceProcessingState,
  InvoiceProcessingStatus,
  VendorMaster,
} from '../../schemas/invoices/invoice-processing';
import { coalescedSearchAttributes } from '../engine/coalesced-search-attributes';
import { dayAttribute, invoiceSearchAttributes, publishedInvoiceStatus } from './invoice-search-attributes';
import { botSteps, humanTask, Saga } from '../engine';
import { BpoDueDate, BpoProcess, BpoStatus } from '../engine/search-attributes';
import { invoiceFailures } from '../../schemas/invoices/failures';

export const invoiceProcessingStatusQuery = defineQuery<InvoiceProcessingState>('invoiceProcessingStatus');
/** An operator releases a scheduled payment now instead of on its day (e.g. the vendor asked, or a test). */
export const payInvoiceNowSignal = defineSignal<[{ by: string }]>('payInvoiceNow');

const engine = proxyActivities<InvoiceActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Telling the submitter is retried through a mail or webhook outage, but not forever: a day, then it is logged. */
const notifier = proxyActivities<Pick<InvoiceActivities, 'notifyInvoiceSubmitter'>>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '1 second', maximumInterval: '10 minutes' },
});

/** Bot steps: reads and the posting give up after a few attempts (then the invoice fails or is compensated). */
function botsOn(taskQueue: string) {
  return {
    steps: botSteps<InvoiceBotActivities>({ taskQueue, attempts: 4, maximumInterval: '30 seconds' }),
    /** Compensation must finish: it retries until the portal takes it. */
    persistent: botSteps<InvoiceBotActivities>({ taskQueue, attempts: 'until-done', maximumInterval: '5 minutes' }),
  };
}

const failureMessage = (err: unknown): string => {
  let e = err as Error | undefined;
  while (e && (e as { cause?: Error }).cause) e = (e as { cause?: Error }).cause;
  return e?.message ?? String(err);
};

/** A business "no" before anything was posted: ends the invoice as rejected. */
class Rejection extends Error {}

/**
 * Invoice processing end to end: business validation and the three-way match by the portal bot, approval by
 * policy (people via human tasks, never the submitter), posting by the bot exactly once, then payment on its day
 * by a durable timer. A posting whose later step fails for good is reversed in the portal.
 */
export async function invoiceProcessing(input: InvoiceProcessingInput): Promise<InvoiceProcessingResult> {
  const { invoice, policy } = input;
  const bots = botsOn(input.botsTaskQueue);
  // What was done in the portal and must be undone if a later step fails for good: the posting.
  const saga = new Saga();
  const undoPosting = (reason: () => string) =>
    saga.onUndo('reverse-posting', async () => {
      const reversal = await bots.persistent.reverseInvoicePosting({
        documentNumber: state.documentNumber as string,
        reason: `Reversed by invoice processing: ${reason()}`,
      });
      state.reversalDocumentNumber = reversal.reversalDocumentNumber;
    });
  let compensationReason = '';
  const state: InvoiceProcessingState = {
    businessKey: invoiceBusinessKey(invoice),
    status: 'received',
    vendorId: invoice.vendorId,
    total: invoice.total,
    currency: invoice.currency,
    dueDate: invoice.dueDate,
    approvedBy: [],
    steps: [{ status: 'received', at: new Date().toISOString() }],
  };
  let payNow = false;
  setHandler(invoiceProcessingStatusQuery, () => state);
  setHandler(payInvoiceNowSignal, ({ by }) => {
    log.info('payment released early by an operator', { by });
    payNow = true;
  });
  // Runs started by the engine's client carry their search attributes from the first event; BpoStatus then says
  // where the invoice waits or how it ended, sent once per activation. Runs started without them (other clients,
  // and every run recorded before) publish each step as it happens, as they always did.
  const startedFindable = workflowInfo().typedSearchAttributes.get(BpoProcess) === 'invoice';
  const publish = startedFindable
    ? coalescedSearchAttributes(workflowInfo().typedSearchAttributes.getAll())
    : undefined;
  if (!publish) {
    upsertSearchAttributes(invoiceSearchAttributes(invoice, state.status));
  }
  const enter = (status: InvoiceProcessingStatus) => {
    state.status = status;
    state.steps.push({ status, at: new Date().toISOString() });
    if (publish) publish([{ key: BpoStatus, value: publishedInvoiceStatus(status) }]);
    else upsertSearchAttributes([{ key: BpoStatus, value: status }]);
  };
  const finish = async (
    status: InvoiceProcessingResult['status'],
    reason?: string,
  ): Promise<InvoiceProcessingResult> => {
    if (reason) state.reason = reason;
    enter(status);
    if (status !== 'paid') {
      const kind =
        status === 'rejected' ? 'invoice-rejected' : status === 'reversed' ? 'invoice-reversed' : 'invoice-failed';
      // A lost notification must not change how the invoice ended.
      await CancellationScope.nonCancellable(() =>
        notifier
          .notifyInvoiceSubmitter({
            kind,
            businessKey: state.businessKey,
            to: invoice.submittedBy,
            vendorId: invoice.vendorId,
            invoiceNumber: invoice.invoiceNumber,
            reason: reason ?? status,
          })
          .catch((err: unknown) => log.warn('submitter not notified', { error: failureMessage(err) })),
      );
    }
    return { ...state, status };
  };
  const sla = { dueIn: policy.taskDueIn, escalateTo: { roles: ['manager'] } };
  const excludedUsers = [invoice.submittedBy];
  const label = `${invoice.invoiceNumber} from ${invoice.vendorId} (${invoice.total.toFixed(2)} ${invoice.currency})`;

  let vendor: VendorMaster;
  try {
    // 1. Business validation: the vendor exists and may be paid; a different bank account always goes to a person.
    enter('validating');
    const master = await bots.steps.readVendorMaster({ vendorId: invoice.vendorId });
    if (!master) throw new Rejection(`vendor ${invoice.vendorId} does not exist in the portal`);
    if (!master.active) throw new Rejection(`vendor ${invoice.vendorId} (${master.name}) is inactive`);
    vendor = master;
    if (invoice.iban && invoice.iban !== master.iban) {
      enter('bank-review');
      const review = await humanTask({
        key: 'bank-review',
        type: 'invoice-bank-review',
        title: `Bank account differs from the vendor master: ${label}`,
        form: 'approval',
        candidates: { roles: [policy.bankReviewRole] },
        priority: 3,
        sla,
        fourEyes: { excludedUsers },
        context: {
          businessKey: state.businessKey,
          vendor: { id: master.vendorId, name: master.name },
          bankAccount: { onInvoice: invoice.iban, inVendorMaster: master.iban },
          note: 'A changed bank account is a common fraud signal: confirm it with the vendor through a known contact before approving.',
        },
      });
      if (review.outcome !== 'completed') throw new Rejection('the bank account review expired');
      if (review.data.decision !== 'approve')
        throw new Rejection(`bank account not confirmed: ${review.data.comment ?? ''}`.trim());
    }

    // 2. Three-way match: invoice against purchase order and goods receipts, within the policy's tolerances.
    if (invoice.poNumber) {
      enter('matching');
      const po: PurchaseOrderView | null = await bots.steps.readPurchaseOrder({ purchaseOrderId: invoice.poNumber });
      const match: MatchResult = po
        ? threeWayMatch(invoice, po, policy)
        : {
            purchaseOrderId: invoice.poNumber,
            goodsReceipts: [],
            rows: [],
            differences: [
              {
                line: 0,
                field: 'purchaseOrder',
                invoiced: invoice.poNumber,
                expected: '',
                message: `purchase order ${invoice.poNumber} does not exist`,
              },
            ],
          };
      state.match = match;
      if (match.differences.length > 0) {
        enter('match-exception');
        const decision = await humanTask({
          key: 'match-exception',
          type: 'invoice-match-exception',
          title: `Invoice does not match ${invoice.poNumber}: ${label}`,
          form: 'approval',
          candidates: { roles: [policy.exceptionRole] },
          priority: 2,
          sla,
          fourEyes: { excludedUsers },
          context: {
            businessKey: state.businessKey,
            purchaseOrder: invoice.poNumber,
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
    }

    // 3. Approval by policy: none below the first limit, one approver up to the second, two distinct above it.
    const needed = approversNeeded(invoice.total, policy);
    state.approversNeeded = needed;
    if (needed === 0) {
      state.approvedBy = ['policy:auto-approve'];
    } else {
      enter('awaiting-approval');
      const approval = await humanTask({
        key: 'approval',
        type: 'invoice-approval',
        title: `Approve invoice ${label}`,
        form: 'approval',
        candidates: { roles: [policy.approverRole] },
        priority: needed,
        sla,
        fourEyes: { excludedUsers, approvals: needed },
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
  } catch (err) {
    if (err instanceof Rejection) return finish('rejected', err.message);
    if (isCancellation(err)) throw err;
    return finish('failed', failureMessage(err));
  }

  // 4. Posting, exactly once: the bot looks the invoice up before it enters it.
  enter('posting');
  try {
    const posted = await bots.steps.postInvoice({ invoice });
    state.documentNumber = posted.documentNumber;
  } catch (err) {
    if (isCancellation(err)) throw err;
    // The last attempt may have posted before it failed: find out, so such a posting is reversed too.
    const found = await CancellationScope.nonCancellable(() =>
      bots.persistent.findPostedInvoice({ vendorId: invoice.vendorId, invoiceNumber: invoice.invoiceNumber }),
    );
    if (!found) return finish('failed', failureMessage(err));
    state.documentNumber = found.documentNumber;
    undoPosting(() => compensationReason);
    return compensate(failureMessage(err));
  }
  undoPosting(() => compensationReason);
  enter('posted');

  // 5. Payment on its day (a durable timer), then released after a last check of the vendor master.
  try {
    const plan = paymentPlan(invoice, policy, new Date().toISOString().slice(0, 10));
    state.payment = plan;
    (publish ?? upsertSearchAttributes)([{ key: BpoDueDate, value: dayAttribute(plan.payOn) }]);
    enter('payment-scheduled');
    const wait = Date.parse(`${plan.payOn}T00:00:00Z`) - new Date().getTime();
    if (wait > 0) await condition(() => payNow, wait);
    enter('paying');
    const current = await bots.steps.readVendorMaster({ vendorId: invoice.vendorId });
    if (!current?.active)
      throw invoiceFailures.create('PaymentBlocked', `vendor ${invoice.vendorId} was deactivated before payment`);
    if (current.iban !== vendor.iban)
      throw invoiceFailures.create(
        'PaymentBlocked',
        `the bank account of vendor ${invoice.vendorId} changed after approval`,
      );
    const released = await engine.releasePayment({
      businessKey: state.businessKey,
      documentNumber: state.documentNumber,
      vendorId: invoice.vendorId,
      iban: invoice.iban ?? current.iban,
      amount: plan.amount,
      currency: invoice.currency,
      payOn: plan.payOn,
      discount: plan.discount,
    });
    state.payment = { ...plan, paymentId: released.paymentId };
    return finish('paid');
  } catch (err) {
    if (isCancellation(err)) {
      await compensate('the invoice was cancelled after posting');
      throw err;
    }
    return compensate(failureMessage(err));
  }

  /** Reverses the posting in the portal, whatever else happens (also when the workflow is being cancelled). */
  async function compensate(reason: string): Promise<InvoiceProcessingResult> {
    compensationReason = reason;
    return CancellationScope.nonCancellable(async () => {
      await saga.compensate();
      return finish('reversed', reason);
    });
  }
}
