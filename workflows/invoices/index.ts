// The invoices process's workflows (its bundle entry).
export * from './invoice-intake';
export * from './invoice-processing';
