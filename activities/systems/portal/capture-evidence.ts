import { randomUUID } from 'node:crypto';
import type { ArtifactOwner, ArtifactRef, ArtifactStore, EvidenceRef } from '../../engine/artifacts/artifact-store';
import type { PageLease } from '../../engine/browser/browser-pool';
import { withinMs } from '../../engine/browser/within-ms';

/**
 * Saves what the bot saw when it failed (or, without an error, what it left behind when it succeeded): a
 * full-page screenshot, the page's HTML and the Playwright trace (every action with DOM snapshots), under one
 * id. Best effort: a dead page still yields what it can. The files belong to `owner`'s case, and the id holds
 * a whole random UUID, so a link cannot be guessed from the time and the step.
 */
export async function captureEvidence(
  store: ArtifactStore,
  lease: PageLease,
  label: string,
  owner: ArtifactOwner,
  error?: unknown,
): Promise<EvidenceRef> {
  // The random part comes before the label: a long label is what the store's 120-character limit cuts.
  const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}-${label}`;
  const files: ArtifactRef[] = [];
  const attempt = async (fn: () => Promise<ArtifactRef>) => {
    try {
      files.push(await fn());
    } catch {
      // The page or context may already be gone (cancellation, crash): keep whatever else we get.
    }
  };
  if (error === undefined) {
    await attempt(() => store.save(id, 'result.txt', `done\n\nurl: ${lease.page.url()}\n`, owner));
  } else {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await attempt(() => store.save(id, 'error.txt', `${message}\n\nurl: ${lease.page.url()}\n`, owner));
  }
  await attempt(async () => store.save(id, 'page.html', await lease.page.content(), owner));
  await attempt(async () =>
    store.save(id, 'screenshot.png', await withinMs(5_000, lease.screenshot(), 'the screenshot'), owner),
  );
  if (lease.tracing) {
    await attempt(async () => {
      const path = await store.localPath(id, 'trace.zip', owner);
      await lease.context.tracing.stop({ path });
      const { size } = await import('node:fs/promises').then((fs) => fs.stat(path));
      return store.refOf(id, 'trace.zip', size);
    });
  }
  return { id, files };
}
