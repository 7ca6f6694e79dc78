// The purchasing process's workflows (its bundle entry); its forms are registered where the workflows run.
import { registerForms } from '../../schemas/engine/forms';
import { purchasingForms } from '../../schemas/purchasing/forms';

registerForms('purchasing', purchasingForms);

export * from './purchase-request';
