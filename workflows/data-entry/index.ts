export * from './data-entry-batch';
export * from './data-entry-chunk';
export type * from './outcomes';
export * from './batch-input';
