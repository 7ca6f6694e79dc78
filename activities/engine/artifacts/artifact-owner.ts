import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { ArtifactOwner } from './artifact-store';

/**
 * The owner of what the running activity saves: the workflow it runs for is the case. Child runs of a case
 * (ids `<run>:…`) count as the case's own when the API checks who may read.
 */
export function currentCaseOwner(readerRoles?: readonly string[]): ArtifactOwner {
  const caseId = Context.current().info.workflowExecution?.workflowId;
  // An activity run outside a workflow belongs to no case; its files must not become readable by accident.
  if (!caseId) throw new Error('artifacts are saved for a case: this activity runs outside a workflow');
  return readerRoles ? { caseId, readerRoles: [...readerRoles] } : { caseId };
}

/** A group name no one can guess: a readable prefix and a random UUID. */
export const unguessableGroup = (prefix: string) => `${prefix}-${randomUUID()}`;
