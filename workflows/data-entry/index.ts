export * from './data-entry-batch';
export * from './data-entry-chunk';
export * from './data-entry-exceptions';
export type * from './outcomes';
export * from './batch-input';
