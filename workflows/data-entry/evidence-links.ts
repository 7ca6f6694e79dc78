import type { EvidenceRef } from '../../activities/engine/artifacts';
import type { EvidenceLink } from '../../schemas/engine/human-task';

const kinds: Record<string, EvidenceLink['kind']> = {
  'screenshot.png': 'screenshot',
  'page.html': 'html',
  'trace.zip': 'trace',
};
const labels: Record<string, string> = {
  'screenshot.png': 'Screenshot of the portal page',
  'page.html': 'Page HTML',
  'trace.zip': 'Playwright trace',
  'error.txt': 'Error as the bot saw it',
};

/** A bot's evidence files as the inbox shows them: one link per file, labelled for a person. */
export function evidenceLinks(evidence: EvidenceRef | undefined): EvidenceLink[] {
  return (evidence?.files ?? []).map((file) => ({
    label: labels[file.name] ?? file.name,
    url: file.uri,
    kind: kinds[file.name] ?? 'document',
  }));
}
