// The engine's public entry for process workflows: the step primitives and what they share.
export { humanTask, taskWorkflowId, type HumanTaskRequest } from './human-task/request';
export { botSteps, type BotStepOptions } from './bot-steps';
export { Saga } from './saga';
export { BpoBusinessKey, BpoProcess, BpoStatus } from './search-attributes';
