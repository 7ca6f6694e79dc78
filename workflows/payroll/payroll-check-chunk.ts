import { proxyActivities } from '@temporalio/workflow';
import type { createPayrollActivities } from '../../activities/payroll';
import type { ArtifactRef } from '../../activities/engine/artifacts';
import type { PayrollFinding, PayrollRunHeader } from '../../schemas/payroll/payroll';

const payroll = proxyActivities<ReturnType<typeof createPayrollActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export interface PayrollChunkInput {
  header: PayrollRunHeader;
  snapshot: ArtifactRef;
  from: number;
  to: number;
}

/** One slice of a payroll run, checked in a child of its own so the parent's history stays short. */
export async function payrollCheckChunk(input: PayrollChunkInput): Promise<PayrollFinding[]> {
  return payroll.checkPayrollChunk(input);
}
