/**
 * Workflows for the approval round-trip benchmark. Both parents do the same thing after the decision: start
 * one activity, whose start time ends the measurement.
 *  - `benchUpdateApproval` uses the engine's primitive: a human-task child completed by an Update; the parent
 *    learns of the decision when the child completes.
 *  - `benchSignalPollApproval` is the design without Updates: the decision is a Signal to a task workflow, and
 *    the process polls the task's state on a timer until it sees it.
 */
import {
  condition,
  defineSignal,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { humanTask } from '../../workflows/engine/human-task/request';

export interface RoundTripActivities {
  nextStepStarted(parentWorkflowId: string): Promise<void>;
  isTaskDecided(taskWorkflowId: string): Promise<boolean>;
}

const steps = proxyActivities<RoundTripActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '100 milliseconds' },
});

export async function benchUpdateApproval(): Promise<string> {
  const outcome = await humanTask({
    key: 'approval',
    type: 'approval',
    title: 'Benchmark approval',
    form: 'approval',
    candidates: { roles: ['approver'] },
    sla: 'none',
  });
  await steps.nextStepStarted(workflowInfo().workflowId);
  return outcome.outcome;
}

export const decideSignal = defineSignal<[{ decision: string }]>('decide');

export async function benchSignalTask(): Promise<string> {
  let decision: string | undefined;
  setHandler(decideSignal, (input) => {
    decision = input.decision;
  });
  await condition(() => decision !== undefined);
  return decision!;
}

export async function benchSignalPollApproval(pollMs: number): Promise<void> {
  const task = await startChild(benchSignalTask, { workflowId: `${workflowInfo().workflowId}:task:approval` });
  while (!(await steps.isTaskDecided(task.workflowId))) await sleep(pollMs);
  await steps.nextStepStarted(workflowInfo().workflowId);
}
