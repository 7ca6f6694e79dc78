import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { startDemoPortal, type DemoPortalModule } from '../client/start-bots';
import * as demoEntry from '../demo/portal/start-from-env';

const root = resolve(__dirname, '..');

// Compile-time: the module `npm start` loads at run time fits what client/start-bots.ts expects of it.
const fits: DemoPortalModule = demoEntry;

/**
 * The repository's files tsc compiles for tsconfig.build.json: its roots and every file of the repository they
 * import, as tsc follows imports (static, type-only, literal dynamic ones, re-exports, references).
 */
function buildFiles(): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(resolve(root, 'tsconfig.build.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('tsconfig.build.json did not parse');
  const seen = new Set<string>();
  const queue = [...parsed.fileNames];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const info = ts.preProcessFile(ts.sys.readFile(file) ?? '', true, false);
    for (const ref of info.referencedFiles) queue.push(resolve(dirname(file), ref.fileName));
    for (const { fileName } of info.importedFiles) {
      const resolved = ts.resolveModuleName(fileName, file, parsed.options, ts.sys).resolvedModule;
      if (resolved && !resolved.isExternalLibraryImport) queue.push(resolved.resolvedFileName);
    }
  }
  return [...seen].map((f) => relative(root, f)).filter((f) => !f.startsWith('..'));
}

let dataDir: string | undefined;
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the demo portal stays out of the product', () => {
  it('npm start still runs it in-process, loaded at run time', async () => {
    expect(typeof fits.startPortalFromEnv).toBe('function');
    dataDir = await mkdtemp(join(tmpdir(), 'demo-portal-'));
    const portal = await startDemoPortal({ PORTAL_PORT: '0', PORTAL_DATA_DIR: dataDir });
    try {
      const health = await fetch(`${portal.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await portal.close();
    }
  });

  it('the production build (tsconfig.build.json) compiles nothing of demo/', () => {
    const files = buildFiles();
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => f.startsWith(`demo${sep}`))).toEqual([]);
  });
});
