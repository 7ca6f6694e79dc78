// The data-entry process's workflows (its bundle entry); its forms are registered where the workflows run.
import { registerForms } from '../../schemas/engine/forms';
import { dataEntryForms } from '../../schemas/data-entry/forms';

registerForms('data-entry', dataEntryForms);

export * from './data-entry-batch';
export * from './data-entry-chunk';
export * from './data-entry-exceptions';
export type * from './outcomes';
export * from './batch-input';
export * from './drop-folder-data-entry';
