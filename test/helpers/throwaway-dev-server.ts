import type { Logger } from '../../platform/logger';
import { ensureDevServer, type DevServer } from '../../platform/dev-server';
import { searchAttributeKinds } from '../../workflows/engine/search-attributes';

/**
 * A Temporal dev server of its own, in memory on a free port, with the engine's search attributes: the tests, the
 * benchmarks and the history recorder each start one, so nothing they assert, measure or record depends on what
 * a server already running holds. The CLI is found as `npm start` finds it (TEMPORAL_CLI_PATH, PATH, the tools
 * folder, a Go build, the SDK's download).
 */
export function startThrowawayDevServer(namespace: string, logger: Logger): Promise<DevServer> {
  return ensureDevServer(
    {
      namespace,
      port: 0,
      searchAttributes: searchAttributeKinds,
      cliPath: process.env.TEMPORAL_CLI_PATH || undefined,
      toolsDir: process.env.TOOLS_DIR || '.tools',
      startTimeoutMs: 120_000,
    },
    logger,
  );
}
