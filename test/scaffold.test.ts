import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(__dirname, '..');
const modules = realpathSync(join(repo, 'node_modules'));
let copy: string;

interface Run {
  code: number;
  output: string;
  seconds: number;
}

/** The children run as a developer would in the copy: not as part of this vitest run, without colours. */
const childEnv = (): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST'))),
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  // A Temporal CLI built into this checkout's tools folder is found from the copy too.
  TOOLS_DIR: resolve(repo, process.env.TOOLS_DIR || '.tools'),
});

function run(file: string, args: string[], cwd: string): Promise<Run> {
  const started = Date.now();
  return new Promise((done) => {
    execFile(file, args, { cwd, env: childEnv(), maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, output: `${stdout}${stderr}`, seconds: Math.round((Date.now() - started) / 100) / 10 });
    });
  });
}

/** A tool of the shared install, run inside the copy. */
const tool = (name: string, ...args: string[]) => run(join(copy, 'node_modules', '.bin', name), args, copy);
const bpo = (...args: string[]) => tool('tsx', 'client/cli/bpo.ts', ...args);

/** Every file of the copy but node_modules, with a hash of its content: what a refusal must leave as it was. */
async function snapshot(): Promise<Map<string, string>> {
  const files = (await readdir(copy, { recursive: true, withFileTypes: true })).filter(
    (e) => e.isFile() && !join(e.parentPath, e.name).startsWith(join(copy, 'node_modules')),
  );
  const hashes = await Promise.all(
    files.map(async (e) => {
      const path = join(e.parentPath, e.name);
      return [
        path.slice(copy.length + 1),
        createHash('sha1')
          .update(await readFile(path))
          .digest('hex'),
      ] as const;
    }),
  );
  return new Map(hashes);
}

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'scaffold-'));
  // The working tree as git sees it: tracked files and new ones that are not ignored (.data, .tools, …). A
  // worktree's node_modules may be a link that the ignore rule (a folder) does not cover: only files are copied.
  const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], repo);
  const files = listed.output
    .split('\0')
    .filter((f) => f && existsSync(join(repo, f)) && lstatSync(join(repo, f)).isFile());
  for (const dir of new Set(files.map((f) => dirname(join(copy, f))))) await mkdir(dir, { recursive: true });
  await Promise.all(files.map((f) => copyFile(join(repo, f), join(copy, f))));
  await symlink(modules, join(copy, 'node_modules'));
}, 120_000);

afterAll(async () => {
  if (!copy) return;
  // The copy's test run wrote its workflow bundle entry into the shared install's cache: take it out again.
  const cache = join(modules, '.cache', 'bpo-engine-workflows');
  for (const file of existsSync(cache) ? await readdir(cache) : []) {
    if ((await readFile(join(cache, file), 'utf8')).includes(copy)) await unlink(join(cache, file));
  }
  await rm(copy, { recursive: true, force: true });
});

describe('bpo new process', () => {
  it('refuses a bad name and a file in the way, and writes nothing', async () => {
    await mkdir(join(copy, 'schemas/travel-request'), { recursive: true });
    await writeFile(join(copy, 'schemas/travel-request/forms.ts'), '// written by hand\n');
    const before = await snapshot();

    const [badName, fileInTheWay] = await Promise.all([
      bpo('new', 'process', 'Expense_Claim'),
      bpo('new', 'process', 'travel-request'),
    ]);
    expect(badName.code, badName.output).toBe(2);
    expect(badName.output).toContain('must be lower-case kebab-case');
    expect(fileInTheWay.code, fileInTheWay.output).toBe(2);
    expect(fileInTheWay.output).toContain('schemas/travel-request/forms.ts exists already');
    expect(await snapshot()).toEqual(before);

    await rm(join(copy, 'schemas/travel-request'), { recursive: true });
  });

  it('writes a process that passes typecheck, lint, Prettier and its own test as generated', async () => {
    const created = await bpo('new', 'process', 'expense-claim', '--title', 'Expense claim');
    expect(created.code, created.output).toBe(0);
    const written = [
      'schemas/expense-claim/forms.ts',
      'schemas/expense-claim/expense-claim.ts',
      'workflows/expense-claim/expense-claim.ts',
      'workflows/expense-claim/index.ts',
      'activities/expense-claim/index.ts',
      'client/expense-claim/launcher.ts',
      'processes/expense-claim.ts',
      'test/expense-claim/expense-claim.test.ts',
      'processes/installed.ts',
    ];
    for (const file of written) {
      expect(created.output).toContain(file);
      expect(existsSync(join(copy, file)), file).toBe(true);
    }
    const installed = await readFile(join(copy, 'processes/installed.ts'), 'utf8');
    expect(installed).toContain("import { expenseClaim } from './expense-claim';");
    expect(installed).toMatch(/install\(\[[^\]]*\bexpenseClaim,?\s*\]\)/);

    // The whole program is typechecked (the new forms merge into the engine's registry); lint and Prettier look at
    // what was written, the rest of the copy being the repository's own. Side by side: they take the slowest's time.
    const [tsc, eslint, prettier, vitest] = await Promise.all([
      tool('tsc', '--noEmit'),
      tool('eslint', '--max-warnings', '0', ...written),
      tool('prettier', '--check', ...written),
      tool('vitest', 'run', 'test/expense-claim'),
    ]);
    expect(tsc.code, tsc.output).toBe(0);
    expect(eslint.code, eslint.output).toBe(0);
    expect(prettier.code, prettier.output).toBe(0);
    expect(vitest.code, vitest.output).toBe(0);
    expect(vitest.output).toMatch(/Tests\s+1 passed/);
    console.log(
      `new process: ${created.seconds} s; tsc ${tsc.seconds} s, eslint ${eslint.seconds} s, ` +
        `prettier ${prettier.seconds} s, vitest ${vitest.seconds} s (side by side)`,
    );

    // Now it is an existing process: the same name is refused, and nothing changes.
    const before = await snapshot();
    const again = await bpo('new', 'process', 'expense-claim');
    expect(again.code, again.output).toBe(2);
    expect(again.output).toContain('process expense-claim exists already');
    expect(await snapshot()).toEqual(before);
  }, 900_000);
});
