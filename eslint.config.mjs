import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import { builtinModules } from 'node:module';
import demoBoundary from './eslint-rules/demo-boundary.mjs';
import processBoundaries from './eslint-rules/process-boundaries.mjs';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', '.tools/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine never imports a process; a process never imports another one. And the product never imports
    // demo/ (the demo portal), which is neither built nor shipped with it. One file reaches the demo all the same:
    // client/start-bots.ts, because `npm start` runs the demo portal in-process when PORTAL_URL is unset. It needs no
    // exception here: it loads the portal at run time from a path it computes rather than through an import, so
    // that tsc's build does not follow it into the product either (test/demo-boundary.test.ts checks both).
    files: [
      'workflows/**/*.ts',
      'activities/**/*.ts',
      'client/**/*.ts',
      'schemas/**/*.ts',
      'platform/**/*.ts',
      'workers/**/*.ts',
      'processes/**/*.ts',
    ],
    plugins: { bpo: { rules: { 'process-boundaries': processBoundaries, 'demo-boundary': demoBoundary } } },
    rules: { 'bpo/process-boundaries': 'error', 'bpo/demo-boundary': 'error' },
  },
  {
    // The web inbox runs in the browser as plain ES modules, without a build step.
    files: ['client/web/public/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    // Workflow code is replayed: it must be deterministic and must not touch I/O.
    files: ['workflows/**/*.ts', 'schemas/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflows are deterministic: no Node built-ins; do I/O in an activity.',
          })),
          patterns: [
            {
              group: ['**/activities/**', '**/platform/**', '**/client/**', '**/workers/**'],
              message:
                'Workflows import only @temporalio/workflow, schemas/ and pure helpers (type imports of activities are fine).',
              allowTypeImports: true,
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'Non-deterministic outside the workflow sandbox: take time from workflowInfo() or pass it in.',
        },
        {
          object: 'Math',
          property: 'random',
          message: 'Non-deterministic: use uuid4() from @temporalio/workflow or pass randomness in from an activity.',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No process access in workflows.' },
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() in a loop from @temporalio/workflow.' },
        { name: 'fetch', message: 'No I/O in workflows: call an activity.' },
        { name: 'require', message: 'Import modules statically.' },
      ],
    },
  },
  // Prettier decides formatting; ESLint keeps to what code means.
  prettier,
);
