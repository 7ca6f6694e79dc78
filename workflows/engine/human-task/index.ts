// The human-task primitive: the child workflow, its messages and the helper a parent calls.
export * from './human-task';
export * from './messages';
export { humanTask, taskWorkflowId, type HumanTaskRequest } from './request';
