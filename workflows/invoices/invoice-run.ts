/**
 * What the stages of one invoice run share: the invoice and its policy, the bots, the state the status query
 * returns and the saga, with the moves every stage makes the same way (entering a status, finishing).
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  CancellationScope,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { InvoiceActivities } from '../../activities/invoices';
import type { InvoiceBotActivities } from '../../activities/invoices/invoice-bot';
import type { SlaSpec } from '../../schemas/engine/human-task';
import { invoiceBusinessKey, type Invoice } from '../../schemas/invoices/invoice';
import type { InvoicePolicy } from '../../schemas/invoices/invoice-policy';
import type {
  InvoiceProcessingInput,
  InvoiceProcessingResult,
  InvoiceProcessingState,
  InvoiceProcessingStatus,
} from '../../schemas/invoices/invoice-processing';
import { coalescedSearchAttributes } from '../engine/coalesced-search-attributes';
import { botSteps, Saga } from '../engine';
import { BpoProcess, BpoStatus } from '../engine/search-attributes';
import { invoiceProcessingStatusQuery, payInvoiceNowSignal } from './invoice-messages';
import { invoiceSearchAttributes, publishedInvoiceStatus } from './invoice-search-attributes';

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

export const failureMessage = (err: unknown): string => {
  let e = err as Error | undefined;
  while (e && (e as { cause?: Error }).cause) e = (e as { cause?: Error }).cause;
  return e?.message ?? String(err);
};

/** A business "no" before anything was posted: ends the invoice as rejected. */
export class Rejection extends Error {}

export interface InvoiceRun {
  readonly invoice: Invoice;
  readonly policy: InvoicePolicy;
  readonly bots: ReturnType<typeof botsOn>;
  /** What the status query returns; every stage records its progress here. */
  readonly state: InvoiceProcessingState;
  /** What was done in the portal and must be undone if a later step fails for good: the posting. */
  readonly saga: Saga;
  /** Why the posting is being reversed: the reversal's reason in the portal. */
  compensationReason: string;
  /** An operator released the payment early. */
  payNow: boolean;
  /** For runs started findable: BpoStatus updates coalesced per activation (see openInvoice). */
  readonly publish: ((pairs: SearchAttributeUpdatePair[]) => void) | undefined;
  /** The tasks for people: their SLA, who may not work them (the submitter), and how they name the invoice. */
  readonly sla: SlaSpec;
  readonly excludedUsers: string[];
  readonly label: string;
}

/** Opens the run: its state, the status query and the early-payment signal, and its first search attributes. */
export function openInvoice(input: InvoiceProcessingInput): InvoiceRun {
  const { invoice, policy } = input;
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
  // Runs started by the engine's client carry their search attributes from the first event; BpoStatus then says
  // where the invoice waits or how it ended, sent once per activation. Runs started without them (other clients,
  // and every run recorded before) publish each step as it happens, as they always did.
  const startedFindable = workflowInfo().typedSearchAttributes.get(BpoProcess) === 'invoice';
  const run: InvoiceRun = {
    invoice,
    policy,
    bots: botsOn(input.botsTaskQueue),
    state,
    saga: new Saga(),
    compensationReason: '',
    payNow: false,
    publish: startedFindable ? coalescedSearchAttributes(workflowInfo().typedSearchAttributes.getAll()) : undefined,
    sla: { dueIn: policy.taskDueIn, escalateTo: { roles: ['manager'] } },
    excludedUsers: [invoice.submittedBy],
    label: `${invoice.invoiceNumber} from ${invoice.vendorId} (${invoice.total.toFixed(2)} ${invoice.currency})`,
  };
  setHandler(invoiceProcessingStatusQuery, () => state);
  setHandler(payInvoiceNowSignal, ({ by }) => {
    log.info('payment released early by an operator', { by });
    run.payNow = true;
  });
  if (!run.publish) {
    upsertSearchAttributes(invoiceSearchAttributes(invoice, state.status));
  }
  return run;
}

/**
 * Records a new status. Findable runs publish it with the activation's other changes, at its end: statuses
 * entered one after another without waiting in between reach visibility as one upsert, or none.
 */
export function enter(run: InvoiceRun, status: InvoiceProcessingStatus): void {
  run.state.status = status;
  run.state.steps.push({ status, at: new Date().toISOString() });
  if (run.publish) run.publish([{ key: BpoStatus, value: publishedInvoiceStatus(status) }]);
  else upsertSearchAttributes([{ key: BpoStatus, value: status }]);
}

/** Ends the run in its final status; the submitter hears of every end but payment. */
export async function finish(
  run: InvoiceRun,
  status: InvoiceProcessingResult['status'],
  reason?: string,
): Promise<InvoiceProcessingResult> {
  const { state, invoice } = run;
  if (reason) state.reason = reason;
  enter(run, status);
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
}
