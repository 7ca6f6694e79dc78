import { executeChild, ParentClosePolicy, workflowInfo } from '@temporalio/workflow';
import { formSchema, type FormData, type FormName } from '../../../schemas/engine/forms';
import type { HumanTaskInput, HumanTaskOutcome } from '../../../schemas/engine/human-task';
import { humanTaskWorkflow } from './human-task';

export interface HumanTaskRequest<N extends FormName> extends Omit<
  HumanTaskInput,
  'form' | 'process' | 'processWorkflowId'
> {
  /** The name of a form registered by a process (see schemas/engine/forms.ts); the decision comes back parsed by that schema. */
  form: N;
  /** Shown in the inbox; defaults to the parent's workflow type. */
  process?: string;
}

/** A task's id: the parent's workflow id and the task's key, so asking twice for the same key is one task. */
export function taskWorkflowId(parentWorkflowId: string, key: string): string {
  return `${parentWorkflowId}:task:${key}`;
}

/**
 * Asks people for work and waits for it: starts one human-task child workflow and returns its typed decision
 * and audit trail, or `expired`. Cancelling the parent cancels the task (the child records it and ends).
 */
export async function humanTask<N extends FormName>(
  request: HumanTaskRequest<N>,
): Promise<HumanTaskOutcome<FormData<N>>> {
  const parent = workflowInfo();
  const input: HumanTaskInput = {
    ...request,
    process: request.process ?? parent.workflowType,
    processWorkflowId: parent.workflowId,
  };
  const outcome = await executeChild(humanTaskWorkflow, {
    workflowId: taskWorkflowId(parent.workflowId, request.key),
    args: [input],
    parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
  });
  if (outcome.outcome !== 'completed') return outcome;
  // The child validated the data already; parsing again here gives the parent the schema's exact type.
  return { ...outcome, data: formSchema(request.form).parse(outcome.data) as FormData<N> };
}
