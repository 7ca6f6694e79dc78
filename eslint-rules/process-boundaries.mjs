// Lint rule: the engine never imports a process, and a process never imports another process.
// A file belongs to process P when it sits in `<layer>/P/` (layers: workflows, activities, client, schemas) or is
// `processes/P.ts`; everything else in the product is the engine. The engine may read the list of installed
// processes (processes/installed.ts) and the contract (processes/define-process.ts), nothing of a process itself.
import { readdirSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';

const layers = new Set(['workflows', 'activities', 'client', 'schemas']);
const shared = new Set(['define-process', 'installed']);

function processNames(root) {
  return new Set(
    readdirSync(resolve(root, 'processes'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3))
      .filter((name) => !shared.has(name)),
  );
}

/** The process a repo-relative path belongs to, 'engine', or null for files outside the product. */
function ownerOf(path, names) {
  const parts = path.split(sep);
  if (parts[0] === 'processes') {
    const base = (parts[1] ?? '').replace(/\.ts$/, '');
    return names.has(base) ? base : 'engine';
  }
  if (layers.has(parts[0]) && names.has(parts[1] ?? '')) return parts[1];
  if (layers.has(parts[0]) || parts[0] === 'platform' || parts[0] === 'workers') return 'engine';
  return null;
}

/**
 * The engine's entry points for processes: a file directly in `<layer>/engine/` or `activities/systems/<system>/`,
 * or a folder there (its index). What sits deeper is the engine's own business.
 */
function isEntryPoint(path) {
  const parts = path.split(sep);
  const base = parts[0] === 'activities' && parts[1] === 'systems' ? 3 : parts[1] === 'engine' ? 2 : -1;
  if (base < 0) return true; // platform/ and the rest are not reached through engine/ folders
  return parts.length <= base + 1;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'keeps the engine and each process apart' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const names = processNames(root);
    const file = relative(root, context.filename);
    const from = ownerOf(file, names);
    if (!from) return {};
    function check(node) {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = relative(root, resolve(dirname(context.filename), source));
      const to = ownerOf(target, names);
      if (to === 'engine' && from !== 'engine' && !isEntryPoint(target)) {
        context.report({
          node: node.source,
          message: `process ${from} may import the engine only through its entry points: ${source} is inside one (import its folder's index)`,
        });
        return;
      }
      if (!to || to === 'engine' || to === from) return;
      // The list installs each process by its declaration, and nothing else of it.
      if (file === `processes${sep}installed.ts` && target.startsWith(`processes${sep}`)) return;
      const message =
        from === 'engine'
          ? `the engine never imports a process: ${source} belongs to ${to} (read processes/installed.ts instead)`
          : `process ${from} may not import process ${to} (${source}); share through the engine instead`;
      context.report({ node: node.source, message });
    }
    return {
      ImportDeclaration: check,
      ExportAllDeclaration: check,
      ExportNamedDeclaration: check,
      ImportExpression: check,
    };
  },
};
