import type { Command } from 'commander';
import { outgoingMessages } from '../../activities/engine/llm';
import { redactTicket } from '../../activities/tickets/redact-ticket';
import { ticketTriageTask } from '../../activities/tickets/triage';
import { CliError, ExitCode } from '../cli/context';
import { readTicketFile } from './read-ticket-file';

/**
 * `bpo ticket redact <file>`: prints exactly what the model would receive for each ticket in the file, built by
 * the same steps a run takes (the ticket's redaction, the triage prompt, the LLM step's own last redaction).
 * Nothing is started, stored or sent.
 */
export function registerTicketRedact(ticket: Command): void {
  ticket
    .command('redact')
    .description('print exactly what would be sent to the model for each ticket in a JSON or .eml file')
    .argument('<file>', '.eml email, or JSON with one ticket, an array, or { "tickets": [...] }')
    .option('--json', 'print one JSON object per ticket: its id and the chat messages', false)
    .action(async (file: string, options: { json: boolean }) => {
      const parsed = await readTicketFile(file).catch((err: Error) => {
        throw new CliError(err.message, ExitCode.invalidInput);
      });
      for (const item of parsed) {
        if (!item.ok) {
          console.error(
            `✖ ${item.label} is invalid:\n${item.errors.map((e) => `    ${e.path || '(ticket)'}: ${e.message}`).join('\n')}`,
          );
          continue;
        }
        const messages = outgoingMessages(ticketTriageTask, { text: redactTicket(item.ticket).text });
        if (options.json) {
          console.log(JSON.stringify({ ticketId: item.ticket.ticketId, messages }));
          continue;
        }
        console.log(`=== ${item.ticket.ticketId}`);
        for (const m of messages) console.log(`--- ${m.role}\n${m.content}`);
      }
      process.exitCode = parsed.every((p) => p.ok) ? ExitCode.ok : ExitCode.invalidInput;
    });
}
