// Bundle entry: every workflow the workers run, one per file.
export * from './invoice-intake';
export * from './ticket-triage';
export * from './data-entry';
export { humanTaskWorkflow } from './human-task/human-task';
export * from './purchase-request';
