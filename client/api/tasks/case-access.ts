import { WorkflowNotFoundError, type WorkflowExecutionDescription } from '@temporalio/client';
import { canSeeCase, startedByOf, type CaseAudience, type Viewer } from '../../../platform/task-store/visibility';
import type { ApiDeps } from '../context';
import { notFound } from '../errors';

type CaseDeps = Pick<ApiDeps, 'client' | 'store'>;

/** Who may see the case run under `workflowId`: its starter (from the memo) and the audience of its tasks. */
export function caseAudience(
  deps: CaseDeps,
  workflowId: string,
  memo: Record<string, unknown> | undefined,
): CaseAudience {
  return {
    startedBy: startedByOf(memo),
    async hasVisibleTask(viewer: Viewer) {
      // The list's own SQL rule, asked for one row: any task of the case (or of its child runs) this viewer could list.
      const page = await deps.store.listTasks({ caseWorkflowId: workflowId, visibleTo: viewer, limit: 1 });
      return page.items.length > 0;
    },
  };
}

/** Describes a run, or null when Temporal does not know it. */
export async function describeRun(deps: CaseDeps, workflowId: string): Promise<WorkflowExecutionDescription | null> {
  try {
    return await deps.client.workflow.getHandle(workflowId).describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

/**
 * Describes the run `workflowId` for `viewer`, or answers 404 with `missing` when it does not exist or the viewer
 * may not see it: the same answer both times, so a refusal does not tell that the run exists.
 */
export async function describeVisibleRun(
  deps: CaseDeps,
  workflowId: string,
  viewer: Viewer,
  missing: string,
): Promise<WorkflowExecutionDescription> {
  const description = await describeRun(deps, workflowId);
  if (!description || !(await canSeeCase(caseAudience(deps, workflowId, description.memo), viewer)))
    throw notFound(missing);
  return description;
}

/** May `viewer` see the case `workflowId`? A case Temporal no longer knows is seen through its tasks alone. */
export async function maySeeCase(deps: CaseDeps, workflowId: string, viewer: Viewer): Promise<boolean> {
  const description = await describeRun(deps, workflowId);
  return canSeeCase(caseAudience(deps, workflowId, description?.memo), viewer);
}
