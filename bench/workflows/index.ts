// Bundle entry for benchmark workers: the engine's workflows plus the benchmarks' own.
export * from '../../workflows';
export * from './approval-round-trip';
export * from './bare-invoice';
