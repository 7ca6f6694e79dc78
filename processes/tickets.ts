import { join } from 'node:path';
import { piiVaultFromConfig } from '../activities/engine/pii';
import { createTicketActivities } from '../activities/tickets';
import { createLlmActivities } from '../activities/tickets/triage';
import { registerTicketRoutes } from '../client/tickets/api-routes';
import { registerTicketRedact } from '../client/tickets/cli-ticket-redact';
import { registerTicketSubmit } from '../client/tickets/cli-ticket-submit';
import { ticketForms } from '../schemas/tickets/forms';
import { defineProcess } from './define-process';

/** Support tickets digested, redacted, triaged by the model, reviewed by a person where it is unsure, filed. */
export const tickets = defineProcess({
  name: 'tickets',
  title: 'Support ticket triage',
  workflowsPath: join(__dirname, '../workflows/tickets'),
  activities: {
    main: ({ config }) =>
      createTicketActivities({
        dir: join(config.DATA_DIR, 'tickets'),
        vault: piiVaultFromConfig(config),
      }),
    llm: ({ llm }) => createLlmActivities(llm),
  },
  forms: ticketForms,
  cli: (program) => {
    const ticket = program.command('ticket').description('support tickets: redaction, LLM triage, review');
    registerTicketSubmit(ticket);
    registerTicketRedact(ticket);
  },
  api: registerTicketRoutes,
});
