import type { ArtifactOwner } from '../../../activities/engine/artifacts/artifact-store';
import { canReadRestricted, seesEverything, type Viewer } from '../../../platform/task-store/visibility';
import type { ApiDeps } from '../context';
import { maySeeCase } from '../tasks/case-access';

/**
 * May `viewer` read a file of a group owned by `owner`? A restricted record (e.g. the payroll snapshot) only by
 * its reader roles, admins and auditors; any other file by whoever may see its case. Files saved without an owner
 * (before owners were recorded) belong to no known case: only those who see every case read them.
 */
export async function mayReadArtifact(
  deps: Pick<ApiDeps, 'client' | 'store'>,
  owner: ArtifactOwner | null,
  viewer: Viewer,
): Promise<boolean> {
  if (!owner) return seesEverything(viewer);
  if (owner.readerRoles) return canReadRestricted(owner.readerRoles, viewer);
  return maySeeCase(deps, owner.caseId, viewer);
}
