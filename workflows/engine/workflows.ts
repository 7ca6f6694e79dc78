// The engine's own workflows, bundled with every installed process's.
export { humanTaskWorkflow } from './human-task/human-task';
