// Bundle entry: every workflow the workers run, one per file.
export * from './invoice-intake';
export * from './ticket-triage';
export { humanTaskWorkflow } from './human-task/human-task';
export * from './purchase-request';
export * from './data-entry';
export * from './payroll-check';
export * from './payroll-check-chunk';
export * from './drop-folder-data-entry';
export * from './invoice-processing';
