import { randomUUID } from 'node:crypto';
import type { LaunchableProcess } from '../api/processes';
import type { VendorOnboardingForm } from '../../schemas/vendor-onboarding/vendor-onboarding-form';
import { vendorOnboarding } from '../../workflows/vendor-onboarding/vendor-onboarding';
import { startedByMemo } from '../../platform/task-store/visibility';

/** Launched from the inbox: the requester is the signed-in user, never a field of the form. */
export const vendorOnboardingLauncher: LaunchableProcess = {
  name: 'vendor-onboarding',
  title: 'Vendor onboarding',
  description:
    'Onboard a supplier: bots check the portal for duplicates, the model checks the supporting text, a manager approves, and a bot creates the vendor.',
  form: 'vendor-onboarding',
  roles: ['clerk', 'manager', 'admin'],
  async start(client, taskQueue, input, user, queues) {
    const form = input as VendorOnboardingForm;
    const workflowId = `vendor-onboarding:${form.vatId}:${randomUUID()}`;
    await client.workflow.start(vendorOnboarding, {
      taskQueue,
      workflowId,
      // The starter may read the run later (GET /api/processes/runs/:id).
      memo: startedByMemo(user.username),
      args: [
        {
          ...form,
          requestedBy: user.username,
          botsTaskQueue: queues.bots,
          llmTaskQueue: queues.llm,
        },
      ],
    });
    return workflowId;
  },
};
