import { defineFailures } from '../engine/failures';

/** How a payroll check can fail for good: the payroll system's data, not a fault that a retry fixes. */
export const payrollFailures = defineFailures({
  PayrollRunNotFound: { retryable: false, status: 404, meaning: 'the payroll system has no such run' },
  PayrollRunEmpty: { retryable: false, status: 422, meaning: 'the run has no lines to check' },
  PayrollExportInvalid: { retryable: false, status: 422, meaning: "the run's export has bad columns or rows" },
});
