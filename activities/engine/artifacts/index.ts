// The artifact store: where evidence, reports and snapshots go, referenced by URIs any worker resolves; each group
// of files records the case it belongs to.
export * from './artifact-store';
export * from './artifact-owner';
