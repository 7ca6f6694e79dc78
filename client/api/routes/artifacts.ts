import { z } from 'zod';
import { createFolderArtifactStore } from '../../../activities/engine/artifacts/artifact-store';
import { mayReadArtifact } from '../artifacts/artifact-access';
import { openArtifact, artifactHeaders } from '../artifacts/artifact-file';
import { ARTIFACTS_ROUTE, artifactPart, artifactsRoot } from '../artifacts/artifact-paths';
import { requireUser } from '../auth/session';
import type { ApiApp, ApiDeps } from '../context';
import { notFound } from '../errors';

const artifactParams = z.object({ group: artifactPart, name: artifactPart });

/**
 * Bot evidence (screenshots, page HTML, traces, error text), reports and snapshots from the artifacts folder, so
 * the inbox can show what the folder store's `file://` references point at. The session may come as the cookie:
 * an <img> sends no bearer token.
 *
 * Who may read: each group of files records the case it was saved for (see ArtifactOwner); a user reads it only
 * if they may see that case (the inbox's visibility rule), and a restricted record only with one of its reader
 * roles. Anyone else gets 404, the answer for a file that does not exist, so a refusal does not tell that it does.
 */
export function registerArtifactRoutes(app: ApiApp, deps: ApiDeps): void {
  const root = artifactsRoot(deps.config);
  const store = createFolderArtifactStore(root);
  app.get(
    `${ARTIFACTS_ROUTE}/:group/:name`,
    {
      schema: {
        tags: ['artifacts'],
        summary:
          'One saved evidence file (screenshot, page HTML, trace, error text); HTML is sandboxed, traces download',
        description:
          'For users who may see the case the file was saved for (restricted records: their reader roles, admins ' +
          'and auditors); anyone else gets 404, as for a file that does not exist.',
        params: artifactParams,
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { group, name } = request.params;
      if (!(await mayReadArtifact(deps, await store.ownerOf(group), user)))
        throw notFound(`artifact ${group}/${name} does not exist`);
      const found = await openArtifact(root, group, name);
      if (!found) throw notFound(`artifact ${group}/${name} does not exist`);
      return reply.headers(artifactHeaders(name, found.bytes)).send(found.file.createReadStream());
    },
  );
}
