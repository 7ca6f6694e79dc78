import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { ProcessDefinition } from '../../../processes/define-process';
import { installedProcesses } from '../../../processes/installed';
import { formNames } from '../../../schemas/engine/forms';
import { CliError, ExitCode } from '../context';
import {
  activityName,
  formNamesOf,
  processFiles,
  workflowName,
  type GeneratedFile,
  type ProcessNames,
} from './new-process/templates';

const reserved = new Set(['engine', 'systems']);
const keywords = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if implements import in instanceof interface let new null package private protected public return ' +
    'static super switch this throw true try typeof var void while with yield await'
  )
    .split(' ')
    .filter(Boolean),
);
const kebab = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function namesOf(name: string, title?: string): ProcessNames {
  const pascal = name
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  const words = name.replace(/-/g, ' ');
  return {
    name,
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    pascal,
    title: title ?? words.charAt(0).toUpperCase() + words.slice(1),
  };
}

/** The first .ts file in `paths` (files or folders) that uses one of `identifiers` as a word, and which one. */
function findIdentifier(
  root: string,
  paths: string[],
  identifiers: string[],
): { file: string; id: string } | undefined {
  const pattern = new RegExp(`\\b(${identifiers.join('|')})\\b`);
  const files = paths.flatMap((path) => {
    if (!existsSync(join(root, path))) return [];
    if (statSync(join(root, path)).isFile()) return [path];
    return readdirSync(join(root, path), { recursive: true, encoding: 'utf8' }).map((f) => join(path, f));
  });
  for (const file of files.filter((f) => f.endsWith('.ts'))) {
    const match = pattern.exec(readFileSync(join(root, file), 'utf8'));
    if (match) return { file, id: match[1] as string };
  }
  return undefined;
}

/** Why a well-formed name cannot be a new process's, or undefined when it can. */
function clash(root: string, name: string, installed: readonly ProcessDefinition[]): string | undefined {
  if (reserved.has(name)) return `${name} is the engine's own folder in each layer`;
  if (installed.some((p) => p.name === name) || existsSync(join(root, 'processes', `${name}.ts`)))
    return `process ${name} exists already (processes/${name}.ts)`;
  const n = namesOf(name);
  if (keywords.has(n.camel)) return `${n.camel} is a reserved word: its declaration could not be named so`;
  const forms = new Set([...formNames(), ...installed.flatMap((p) => Object.keys(p.forms ?? {}))]);
  const form = Object.values(formNamesOf(n)).find((f) => forms.has(f));
  if (form) return `a form named ${form} is registered already`;
  if (installed.some((p) => p.launchers?.some((l) => l.name === name)))
    return `a launcher named ${name} is installed already`;
  // Workflow types and activity names are global in Temporal; the declaration's name must be free in the list.
  const used =
    findIdentifier(root, ['workflows', 'activities'], [workflowName(n), activityName(n)]) ??
    findIdentifier(root, ['processes/installed.ts'], [n.camel]);
  if (used) return `${used.id} is already used in ${used.file}`;
  return undefined;
}

export function newProcessOptions(root: string, installed: readonly ProcessDefinition[] = installedProcesses) {
  return z.object({
    name: z
      .string()
      .regex(kebab, { message: 'must be lower-case kebab-case, like expense-claim', abort: true })
      .superRefine((name, ctx) => {
        const why = clash(root, name, installed);
        if (why) ctx.addIssue({ code: 'custom', message: why });
      }),
    title: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(80, 'must be at most 80 characters')
      .regex(/^[^\r\n]*$/, 'must be one line')
      .optional(),
  });
}

/** processes/installed.ts with the process imported and added to the list. */
export function installIn(source: string, n: ProcessNames): string {
  const list = /install\(\[([^\]]*)\]\)/.exec(source);
  if (!list) throw new CliError('processes/installed.ts has no `install([...])` list to add the process to');
  const entries = (list[1] as string)
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const lines = source.replace(list[0], () => `install([${[...entries, n.camel].join(', ')}])`).split('\n');
  // The import goes among the list's own (`./…`) imports, in the order of their paths.
  const local = lines.flatMap((line, at) => {
    const from = /^import .* from '\.\/([^']+)';$/.exec(line)?.[1];
    return from === undefined ? [] : [{ at, from }];
  });
  const next = local.find((l) => l.from > n.name);
  lines.splice(next ? next.at : (local.at(-1)?.at ?? -1) + 1, 0, `import { ${n.camel} } from './${n.name}';`);
  return lines.join('\n');
}

/** Formats as the repository's Prettier settings say, when Prettier is installed (it is a development tool). */
async function formatted(root: string, file: GeneratedFile): Promise<GeneratedFile> {
  try {
    const prettier = await import('prettier');
    const filepath = join(root, file.path);
    const options = await prettier.resolveConfig(filepath);
    return { ...file, content: await prettier.format(file.content, { ...options, filepath }) };
  } catch {
    return file;
  }
}

/** The repository this command belongs to: the nearest folder up that holds processes/installed.ts. */
function repositoryRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'processes', 'installed.ts'))) return dir;
    if (dirname(dir) === dir) throw new CliError('no processes/installed.ts above this command: not a source checkout');
  }
}

/**
 * Writes a new process and installs it: every file is checked first, so a refusal writes nothing. Returns the
 * files written, the last one being processes/installed.ts (updated).
 */
export async function writeNewProcess(
  root: string,
  input: { name: string; title?: string },
  installed: readonly ProcessDefinition[] = installedProcesses,
): Promise<GeneratedFile[]> {
  const parsed = newProcessOptions(root, installed).safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'name'}: ${i.message}`);
    throw new CliError(
      `cannot create process ${JSON.stringify(input.name)}: ${problems.join('; ')}`,
      ExitCode.invalidInput,
    );
  }
  const n = namesOf(parsed.data.name, parsed.data.title);
  const files = processFiles(n);
  // Nothing is overwritten, and no folder that exists is taken over (e.g. client/api/ is the engine's).
  const existing = files.map((f) => f.path).filter((path) => existsSync(join(root, path)));
  const folders = [...new Set(files.map((f) => dirname(f.path)))]
    .filter((dir) => dir !== 'processes' && existsSync(join(root, dir)))
    .filter((dir) => !existing.some((path) => path.startsWith(`${dir}/`)));
  if (existing.length + folders.length > 0) {
    const taken = [...existing, ...folders.map((dir) => `${dir}/`)];
    const verb = taken.length === 1 ? 'exists' : 'exist';
    throw new CliError(`cannot create process ${n.name}: ${taken.join(', ')} ${verb} already`, ExitCode.invalidInput);
  }
  const list: GeneratedFile = {
    path: 'processes/installed.ts',
    role: `updated: ${n.camel} installed`,
    content: installIn(readFileSync(join(root, 'processes/installed.ts'), 'utf8'), n),
  };
  const all = await Promise.all([...files, list].map((f) => formatted(root, f)));
  for (const file of all) {
    await mkdir(dirname(join(root, file.path)), { recursive: true });
    await writeFile(join(root, file.path), file.content, { flag: file.path === list.path ? 'w' : 'wx' });
  }
  return all;
}

/** `bpo new process <name>`: a working process to start from, installed, with its test. */
export function registerNewProcess(
  program: Command,
  installed: readonly ProcessDefinition[] = installedProcesses,
): void {
  program
    .command('new')
    .description('write new code from templates')
    .command('process')
    .argument('<name>', 'kebab-case name, e.g. expense-claim: the sub-folder in each layer')
    .option('--title <title>', 'the title people see in the inbox (default: from the name)')
    .description('write a new process (a launcher, a human step, an activity, its test) and install it')
    .action(async (name: string, options: { title?: string }) => {
      const root = repositoryRoot();
      const written = await writeNewProcess(root, { name, title: options.title }, installed);
      const width = Math.max(...written.map((f) => f.path.length));
      console.log(`Wrote process ${name} in ${relative(process.cwd(), root) || '.'}:`);
      for (const file of written) console.log(`  ${file.path.padEnd(width)}  ${file.role}`);
      console.log(`Run its test with \`npx vitest run test/${name}\`; \`npm start\` offers it in the inbox.`);
    });
}
