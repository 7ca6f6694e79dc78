// The benchmarks' own workflows, bundled beside the engine's and the installed processes' (benchWorkflowsPath).
export * from './approval-round-trip';
export * from './bare-invoice';
