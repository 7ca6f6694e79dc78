import { z } from 'zod';
import { formSchema, isFormName } from '../../../schemas/engine/forms';
import type { Actor, TaskState } from '../../../schemas/engine/human-task';
import { allowedActions, isClosed } from '../../../workflows/engine/human-task/rules';
import { piiVaultFromConfig, type PiiVault } from '../../../activities/engine/pii';
import type { Config } from '../../../platform/config';
import { artifactsRoot } from '../artifacts/artifact-paths';
import { inboxEvidence } from './evidence-view';
import { contextFor } from './sensitive-context';

/** The inbox row: what lists and live events carry. */
export function taskSummary(task: TaskState, now = Date.now()) {
  return {
    id: task.id,
    key: task.key,
    type: task.type,
    title: task.title,
    // The form's name lets a list offer bulk decisions only where the form is a plain approve or reject.
    form: task.form,
    process: task.process,
    processWorkflowId: task.processWorkflowId,
    status: task.status,
    assignee: task.assignee,
    candidateRoles: task.candidateRoles,
    candidateUsers: task.candidateUsers,
    priority: task.priority,
    dueAt: task.dueAt,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    closedAt: task.closedAt,
    version: task.version,
    escalated: task.escalated,
    overdue: task.dueAt !== null && !isClosed(task) && Date.parse(task.dueAt) < now,
  };
}

export type TaskSummary = ReturnType<typeof taskSummary>;

const jsonSchemas = new Map<string, unknown>();

/** The form's JSON Schema (what a client fills in), derived once from its zod schema. */
export function formJsonSchema(name: string): unknown {
  if (!isFormName(name)) return {};
  let schema = jsonSchemas.get(name);
  if (!schema) {
    schema = z.toJSONSchema(formSchema(name), { io: 'input' });
    jsonSchemas.set(name, schema);
  }
  return schema;
}

/** What shaping a task page needs from the deployment. */
export interface TaskViewDeps {
  /** Evidence in the artifacts folder under this root is linked through the API (see evidence-view.ts). */
  artifactsRoot: string;
  /** Where redacted context text finds its values (see sensitive-context.ts). */
  vault: PiiVault;
}

export const taskViewDeps = (config: Pick<Config, 'ARTIFACTS_DIR' | 'DATA_DIR' | 'PII_VAULT_KEY'>): TaskViewDeps => ({
  artifactsRoot: artifactsRoot(config),
  vault: piiVaultFromConfig(config),
});

/**
 * The task page: the row plus form, context (personal data restored or masked for this user), evidence, audit
 * trail and what this user may do now.
 */
export async function taskDetail(task: TaskState, user: Actor, view: TaskViewDeps, now = Date.now()) {
  return {
    ...taskSummary(task, now),
    form: { name: task.form, jsonSchema: formJsonSchema(task.form) },
    context: await contextFor(task, user, view.vault),
    evidence: inboxEvidence(task.evidence, view.artifactsRoot),
    audit: task.audit,
    signOffs: task.signOffs,
    approvalsRequired: task.approvalsRequired,
    excludedUsers: task.excludedUsers,
    allowedActions: allowedActions(task, user),
  };
}
