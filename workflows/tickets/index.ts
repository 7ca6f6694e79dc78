// The tickets process's workflows (its bundle entry); its forms are registered where the workflows run.
import { registerForms } from '../../schemas/engine/forms';
import { ticketForms } from '../../schemas/tickets/forms';

registerForms('tickets', ticketForms);

export * from './ticket-triage';
