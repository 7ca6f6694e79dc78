// The engine's public entry for process workflows: the step primitives and what they share.
export { humanTask, taskWorkflowId, type HumanTaskRequest } from './human-task/request';
export { botSteps, type BotStepOptions } from './bot-steps';
export { Saga } from './saga';
export { llmStep, llmSteps, type LlmStepOptions, type LlmStepOutcome } from './llm-step';
export { BpoBusinessKey, BpoProcess, BpoStatus } from './search-attributes';
