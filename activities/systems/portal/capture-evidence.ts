import { randomUUID } from 'node:crypto';
import type { ArtifactRef, ArtifactStore, EvidenceRef } from '../../engine/artifacts/artifact-store';
import type { PageLease } from '../../engine/browser/browser-pool';
import { withinMs } from '../../engine/browser/within-ms';

/**
 * Saves what the bot saw when it failed (or, without an error, what it left behind when it succeeded): a
 * full-page screenshot, the page's HTML and the Playwright trace (every action with DOM snapshots), under one
 * id. Best effort: a dead page still yields what it can.
 */
export async function captureEvidence(
  store: ArtifactStore,
  lease: PageLease,
  label: string,
  error?: unknown,
): Promise<EvidenceRef> {
  const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${label}-${randomUUID().slice(0, 8)}`;
  const files: ArtifactRef[] = [];
  const attempt = async (fn: () => Promise<ArtifactRef>) => {
    try {
      files.push(await fn());
    } catch {
      // The page or context may already be gone (cancellation, crash): keep whatever else we get.
    }
  };
  if (error === undefined) {
    await attempt(() => store.save(id, 'result.txt', `done\n\nurl: ${lease.page.url()}\n`));
  } else {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await attempt(() => store.save(id, 'error.txt', `${message}\n\nurl: ${lease.page.url()}\n`));
  }
  await attempt(async () => store.save(id, 'page.html', await lease.page.content()));
  await attempt(async () =>
    store.save(id, 'screenshot.png', await withinMs(5_000, lease.screenshot(), 'the screenshot')),
  );
  if (lease.tracing) {
    await attempt(async () => {
      const path = await store.localPath(id, 'trace.zip');
      await lease.context.tracing.stop({ path });
      const { size } = await import('node:fs/promises').then((fs) => fs.stat(path));
      return store.refOf(id, 'trace.zip', size);
    });
  }
  return { id, files };
}
