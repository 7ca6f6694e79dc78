import type { EvidenceLink } from '../../../schemas/engine/human-task';
import { artifactRoutePath } from '../artifacts/artifact-paths';

/** An evidence link as the inbox gets it: a URL it can open, or why there is none. */
export type InboxEvidence = Omit<EvidenceLink, 'url'> & ({ url: string } | { url: null; unavailable: string });

/** Links a browser on the inbox's page can follow as they are. */
const openable = (url: string) =>
  /^https?:\/\//i.test(url) || /^data:image\//i.test(url) || (url.startsWith('/') && !url.startsWith('//'));

/**
 * Bots save evidence in the artifacts folder and reference it as `file://` URIs, which a browser will not load
 * from an http page: those under the folder become the artifacts route. Anything else that is not a web link
 * (a file elsewhere, another scheme) keeps its label but loses its URL, so no server path reaches the page.
 */
export function inboxEvidence(evidence: readonly EvidenceLink[], artifactsRoot: string): InboxEvidence[] {
  return evidence.map(({ url, ...link }) => {
    if (url.startsWith('file://')) {
      const route = artifactRoutePath(artifactsRoot, url);
      return route
        ? { ...link, url: route }
        : { ...link, url: null, unavailable: 'stored outside the artifacts folder this server reads' };
    }
    return openable(url) ? { ...link, url } : { ...link, url: null, unavailable: 'not a link the inbox can open' };
  });
}
