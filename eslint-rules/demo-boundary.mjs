// Lint rule: the product never imports the demo. demo/ holds programs that stand in for a client's systems (the
// legacy portal the bots drive); they are built and shipped apart from the product, which reaches them only the way
// it reaches a real client's system, by URL (PORTAL_URL). Tests, benchmarks and scripts may import them freely.
// Every way TypeScript follows a module counts: imports (type-only too), re-exports, literal import() and require(),
// `import x = require()` and `typeof import()` types; each would pull demo/ into the product's build.
import { dirname, relative, resolve, sep } from 'node:path';

export default {
  meta: {
    type: 'problem',
    docs: { description: 'keeps demo/ out of the product' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    function check(node) {
      if (node?.type !== 'Literal' || typeof node.value !== 'string' || !node.value.startsWith('.')) return;
      const target = relative(root, resolve(dirname(context.filename), node.value));
      if (target.split(sep)[0] !== 'demo') return;
      context.report({
        node,
        message: `product code never imports the demo (${node.value}): reach its system by URL, as a client's (PORTAL_URL)`,
      });
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference?.expression),
      TSImportType: (node) => check(node.argument?.literal),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};
