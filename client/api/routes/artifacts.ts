import { z } from 'zod';
import { openArtifact, artifactHeaders } from '../artifacts/artifact-file';
import { ARTIFACTS_ROUTE, artifactPart, artifactsRoot } from '../artifacts/artifact-paths';
import { requireUser } from '../auth/session';
import type { ApiApp, ApiDeps } from '../context';
import { notFound } from '../errors';

const artifactParams = z.object({ group: artifactPart, name: artifactPart });

/**
 * Bot evidence (screenshots, page HTML, traces, error text) from the artifacts folder, so the inbox can show
 * what the folder store's `file://` references point at. The session may come as the cookie: an <img> sends no
 * bearer token.
 *
 * Who may read: any signed-in user, the same rule as `GET /api/tasks/:id`, which shows any task (its context
 * and its evidence links) to any signed-in user. A per-task check would guard the screenshot but not the task
 * that describes the same record, and would need an index from file to task; the group names carry a random
 * part, so links are only known to those who were shown them.
 */
export function registerArtifactRoutes(app: ApiApp, deps: ApiDeps): void {
  const root = artifactsRoot(deps.config);
  app.get(
    `${ARTIFACTS_ROUTE}/:group/:name`,
    {
      schema: {
        tags: ['artifacts'],
        summary:
          'One saved evidence file (screenshot, page HTML, trace, error text); HTML is sandboxed, traces download',
        params: artifactParams,
      },
    },
    async (request, reply) => {
      requireUser(request);
      const { group, name } = request.params;
      const found = await openArtifact(root, group, name);
      if (!found) throw notFound(`artifact ${group}/${name} does not exist`);
      return reply.headers(artifactHeaders(name, found.bytes)).send(found.file.createReadStream());
    },
  );
}
