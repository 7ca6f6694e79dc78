// Bundle entry: every workflow the workers run, one per file.
export * from './invoice-intake';
export * from './data-entry';
