import { randomUUID } from 'node:crypto';
import type { LaunchableProcess } from '../api/processes';
import type { VendorOnboardingForm } from '../../schemas/vendor-onboarding/vendor-onboarding-form';
import { vendorOnboarding } from '../../workflows/vendor-onboarding/vendor-onboarding';

/**
 * The queue of the same deployment beside the launch queue: queues are named `<prefix>main`, `<prefix>bots` and
 * `<prefix>llm`, and a launcher is told only the main one.
 */
export function siblingQueue(mainQueue: string, name: 'bots' | 'llm'): string {
  return mainQueue.endsWith('main') ? `${mainQueue.slice(0, -'main'.length)}${name}` : name;
}

/** Launched from the inbox: the requester is the signed-in user, never a field of the form. */
export const vendorOnboardingLauncher: LaunchableProcess = {
  name: 'vendor-onboarding',
  title: 'Vendor onboarding',
  description:
    'Onboard a supplier: bots check the portal for duplicates, the model checks the supporting text, a manager approves, and a bot creates the vendor.',
  form: 'vendor-onboarding',
  roles: ['clerk', 'manager', 'admin'],
  async start(client, taskQueue, input, user) {
    const form = input as VendorOnboardingForm;
    const workflowId = `vendor-onboarding:${form.vatId}:${randomUUID()}`;
    await client.workflow.start(vendorOnboarding, {
      taskQueue,
      workflowId,
      args: [
        {
          ...form,
          requestedBy: user.username,
          botsTaskQueue: siblingQueue(taskQueue, 'bots'),
          llmTaskQueue: siblingQueue(taskQueue, 'llm'),
        },
      ],
    });
    return workflowId;
  },
};
