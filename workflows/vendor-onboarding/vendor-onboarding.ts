import { workflowInfo } from '@temporalio/workflow';
import type { VendorOnboardingBots } from '../../activities/vendor-onboarding/portal-bots';
import { vendorDocumentCheck, type DocumentCheckAnswer } from '../../schemas/vendor-onboarding/document-check';
import type {
  DocumentCheckSummary,
  ExistingVendor,
  VendorOnboardingInput,
  VendorOnboardingResult,
} from '../../schemas/vendor-onboarding/vendor-onboarding';
import { botSteps, humanTask, llmStep } from '../engine';

/** Answers below this confidence are shown to the approver as a warning. */
export const MIN_CONFIDENCE = 0.8;

const fieldNames = { name: 'supplier name', vatId: 'VAT id', iban: 'IBAN' } as const;

const matchedOnText = (d: ExistingVendor) =>
  `${d.matchedOn === 'vatId' ? 'the VAT id' : 'the IBAN'} already belongs to ${d.vendorId} (${d.name})`;

function mismatchText(answer: DocumentCheckAnswer): string {
  return answer.mismatches.map((m) => `${fieldNames[m.field]}: ${m.problem}`).join('; ');
}

/**
 * A supplier onboarded on a clerk's request: bots check the portal for the VAT id and the IBAN, the model checks
 * the supporting text against the form, a manager other than the requester approves (seeing any doubt of the
 * check as a warning), and a bot creates the vendor with its page as evidence.
 */
export async function vendorOnboarding(input: VendorOnboardingInput): Promise<VendorOnboardingResult> {
  const { workflowId } = workflowInfo();
  const bots = botSteps<VendorOnboardingBots>({ taskQueue: input.botsTaskQueue ?? 'bots' });
  const vendor = { name: input.name, vatId: input.vatId, iban: input.iban, email: input.email, address: input.address };
  const told = { requestedBy: input.requestedBy };

  const lookUp = await bots.lookUpOnboardingVendor({ vatId: input.vatId, iban: input.iban });
  const [duplicate] = lookUp.duplicates;
  if (duplicate)
    return {
      outcome: 'duplicate',
      duplicateOf: duplicate,
      message: `${input.name} was not onboarded: ${matchedOnText(duplicate)}.`,
      ...told,
      audit: [],
    };

  const check = await llmStep(
    vendorDocumentCheck,
    { name: input.name, vatId: input.vatId, iban: input.iban, supportingText: input.supportingText },
    { businessKey: workflowId, taskQueue: input.llmTaskQueue ?? 'llm', minConfidence: MIN_CONFIDENCE },
  );
  const documentCheck: DocumentCheckSummary = { confirmed: false };
  if (check.output) documentCheck.answer = check.output;
  if (check.result?.outcome === 'answered') documentCheck.source = check.result.source;
  if (!check.trusted) {
    const found = check.output && check.output.mismatches.length > 0 ? ` It found: ${mismatchText(check.output)}.` : '';
    documentCheck.warning = `The document check is not reliable (${check.reason}): compare the supporting text yourself.${found}`;
  } else if (!check.output.matches || check.output.mismatches.length > 0) {
    const missing = check.output.mismatches.length > 0 ? mismatchText(check.output) : 'not every detail is confirmed';
    documentCheck.warning = `The supporting text does not confirm the form: ${missing}.`;
  } else documentCheck.confirmed = true;

  const approval = await humanTask({
    key: 'approval',
    type: 'approval',
    title: `Approve new vendor: ${input.name} (${input.vatId})${documentCheck.warning ? ' — check the warning' : ''}`,
    form: 'approval',
    process: 'vendor-onboarding',
    candidates: { roles: ['manager'] },
    priority: documentCheck.warning ? 2 : 1,
    sla: { dueIn: '2 days', remindBefore: '4 hours', escalateTo: { roles: ['admin'] }, expireAfter: '3 days' },
    fourEyes: { excludedUsers: [input.requestedBy] },
    context: {
      ...(documentCheck.warning ? { warning: documentCheck.warning } : {}),
      documentCheck: documentCheck.confirmed
        ? `The supporting text confirms the name, VAT id and IBAN (confidence ${documentCheck.answer?.confidence}).`
        : 'Not confirmed: see the warning.',
      supplier: input.name,
      vatId: input.vatId,
      iban: input.iban,
      email: input.email,
      address: input.address,
      requestedBy: input.requestedBy,
      supportingText: input.supportingText,
    },
  });
  if (approval.outcome === 'expired')
    return {
      outcome: 'expired',
      documentCheck,
      message: `${input.name} was not onboarded: nobody approved it in time.`,
      ...told,
      audit: approval.audit,
    };
  if (approval.data.decision === 'reject')
    return {
      outcome: 'rejected',
      rejectedBy: approval.completedBy,
      ...(approval.data.comment ? { comment: approval.data.comment } : {}),
      documentCheck,
      message: `${input.name} was not onboarded: ${approval.completedBy} rejected it (${approval.data.comment ?? 'no reason given'}).`,
      ...told,
      audit: approval.audit,
    };

  const created = await bots.createOnboardingVendor(vendor);
  if (created.outcome === 'duplicate')
    return {
      outcome: 'duplicate',
      duplicateOf: created.duplicate,
      documentCheck,
      message: `${input.name} was approved but not created: ${matchedOnText(created.duplicate)} (entered since the check).`,
      ...told,
      audit: approval.audit,
    };
  return {
    outcome: 'created',
    vendorId: created.vendorId,
    evidence: created.evidence,
    approvedBy: approval.completedBy,
    ...(approval.data.comment ? { comment: approval.data.comment } : {}),
    documentCheck,
    message: `${input.name} is onboarded as vendor ${created.vendorId}, approved by ${approval.completedBy}.`,
    ...told,
    audit: approval.audit,
  };
}
