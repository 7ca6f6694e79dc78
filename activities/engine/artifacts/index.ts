// The artifact store: where evidence, reports and snapshots go, referenced by URIs any worker resolves.
export * from './artifact-store';
