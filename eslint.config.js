// Lint for the whole repository: typed rules for TypeScript, React hooks rules for the renderer, and the layer
// boundaries of CONVENTIONS.md as `no-restricted-imports`, so a wrong import fails `npm run lint`, not a review.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const sources = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const tsSources = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const testFiles = ['**/*.test.*', 'e2e/**'];

// ---------------------------------------------------------------------------------------------------------------
// Boundaries
//
// A folder's rule lists packages it may not import and repository folders it may not reach by a relative import.
// A relative import is judged by where it lands, which depends on how deep the importing file sits: `../api` from
// main/core/x.ts is main/api, but from main/core/trace/x.ts it is main/core/api. So one config is generated per
// depth, each with the exact number of `../` that reaches each forbidden folder, and nothing else is matched.
// ---------------------------------------------------------------------------------------------------------------

const MAX_DEPTH = 10;

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const restrictions = {
  electron: {
    paths: [
      {
        name: 'electron',
        message: 'Only main/electron and preload import electron; everything else runs without it (tests, CLI, web host).',
      },
    ],
    patterns: [{ regex: '^electron/', message: 'Only main/electron and preload import electron.' }],
  },
  nodeBuiltins: {
    paths: [],
    patterns: [
      {
        regex: `^(node:.*|(${nodeBuiltins.map(escapeRegex).join('|')})(/.*)?)$`,
        message: 'This code also runs in the browser: no Node built-ins. Ask main/ for it through a command.',
      },
    ],
  },
  nativePackages: {
    paths: ['better-sqlite3', 'serialport', 'node-hid'].map((name) => ({
      name,
      message: 'Databases and devices belong to main/; the renderer reaches them through commands.',
    })),
    patterns: [{ regex: '^@serialport/', message: 'Devices belong to main/; the renderer reaches them through commands.' }],
  },
};

/** `../core/../api` would slip past the depth-exact patterns; a `..` after a folder name is never needed. */
const unnormalised = {
  regex: '^\\.{1,2}/(.*/)?[^./][^/]*/(.*/)?\\.\\.(/|$)',
  message: 'Write the relative path without `..` after a folder name.',
};

/** Regexes matching a relative import, from a file `depth` folders below `folder`, that lands in `target`. */
function landingPatterns(folder, depth, target) {
  const from = folder.split('/');
  const to = target.split('/');
  const regexes = [];
  // Climbing n levels leaves the folder's own subfolders after `depth` steps, then walks up through its ancestors.
  for (let n = depth + 1; n <= depth + from.length; n += 1) {
    const ancestor = from.slice(0, from.length - (n - depth));
    const below = to.slice(0, ancestor.length).join('/') === ancestor.join('/') ? to.slice(ancestor.length) : null;
    if (below === null || below.length === 0) continue;
    regexes.push(`^(\\./)?(\\.\\./){${n}}${below.map(escapeRegex).join('/')}(/|$)`);
  }
  return regexes;
}

/**
 * One `no-restricted-imports` config per depth below `folder`. `packages` are keys of `restrictions`;
 * `folders` are repository folders this one may not import from.
 */
function boundary({ folder, packages, folders, message, files = ['**'], ignores = [] }) {
  const configs = [];
  for (let depth = 0; depth <= MAX_DEPTH; depth += 1) {
    const paths = packages.flatMap((key) => restrictions[key].paths);
    const patterns = [...packages.flatMap((key) => restrictions[key].patterns), unnormalised];
    for (const target of folders) {
      for (const regex of landingPatterns(folder, depth, target)) patterns.push({ regex, message: `${message} (${folder} → ${target})` });
    }
    const glob = `${folder}/${'*/'.repeat(depth)}*.${sources}`;
    configs.push({
      name: `lotline/boundary ${folder} depth ${depth}`,
      files: files.map((pattern) => (pattern === '**' ? glob : `${glob.slice(0, glob.lastIndexOf('/') + 1)}${pattern}`)),
      ignores,
      rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
    });
  }
  return configs;
}

const boundaries = [
  // Everywhere by default: no electron.
  {
    name: 'lotline/boundary electron',
    files: [`**/*.${sources}`],
    rules: { 'no-restricted-imports': ['error', restrictions.electron] },
  },
  // The Electron shell may import anything.
  { name: 'lotline/boundary main/electron', files: [`main/electron/**/*.${sources}`], rules: { 'no-restricted-imports': 'off' } },
  ...boundary({
    folder: 'main/core',
    packages: ['electron'],
    folders: ['main/api', 'main/host', 'main/cli', 'main/electron'],
    message: 'main/core is the bottom layer: the api, host, CLI and Electron shell call it, never the reverse',
    ignores: testFiles,
  }),
  ...boundary({
    folder: 'renderer',
    packages: ['electron', 'nodeBuiltins', 'nativePackages'],
    folders: ['main', 'preload'],
    message: 'The renderer talks to main only through the api client (common/api)',
    ignores: testFiles,
  }),
  ...boundary({
    folder: 'common',
    packages: ['electron', 'nodeBuiltins'],
    folders: ['main', 'renderer', 'preload'],
    message: 'common is the shared contract: pure TypeScript that every side can import',
    ignores: testFiles,
  }),
  // The sandboxed preload can load only `electron`; anything else must be bundled, so no Node and no main.
  ...boundary({
    folder: 'preload',
    packages: ['nodeBuiltins', 'nativePackages'],
    folders: ['main', 'renderer'],
    message: 'The preload exposes invoke and subscribe only; it never reaches into main or the renderer',
    ignores: testFiles,
  }),
  // Tests run under Node, so they may use Node built-ins; the layer rules still hold for them, except that a core
  // integration test may build its fixtures through the api (createApi), as a user would.
  ...boundary({
    folder: 'main/core',
    packages: ['electron'],
    folders: ['main/host', 'main/cli', 'main/electron'],
    message: 'main/core is the bottom layer: the api, host, CLI and Electron shell call it, never the reverse',
    files: ['*.test.*'],
  }),
  ...boundary({
    folder: 'renderer',
    packages: ['electron', 'nativePackages'],
    folders: ['main', 'preload'],
    message: 'The renderer talks to main only through the api client (common/api)',
    files: ['*.test.*'],
  }),
  ...boundary({
    folder: 'common',
    packages: ['electron'],
    folders: ['main', 'renderer', 'preload'],
    message: 'common is the shared contract: pure TypeScript that every side can import',
    files: ['*.test.*'],
  }),
  ...boundary({
    folder: 'preload',
    packages: [],
    folders: ['main', 'renderer'],
    message: 'The preload exposes invoke and subscribe only; it never reaches into main or the renderer',
    files: ['*.test.*'],
  }),
];

// ---------------------------------------------------------------------------------------------------------------

export default tseslint.config(
  {
    name: 'lotline/ignores',
    ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'e2e/artifacts/', 'coverage/', '.vite/'],
  },
  { name: 'lotline/report-unused-disable', linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    name: 'lotline/node-globals',
    files: [`**/*.${sources}`],
    ignores: [`renderer/**`],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'lotline/browser-globals',
    files: [`renderer/**/*.${sources}`],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    name: 'lotline/typescript',
    files: tsSources,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/consistent-type-exports': 'error',
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    name: 'lotline/tests',
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: {
      // expect(api.method) and mock wiring reference methods without calling them.
      '@typescript-eslint/unbound-method': 'off',
      // Asymmetric matchers (expect.any, expect.stringMatching) are typed `any` by vitest itself.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    name: 'lotline/react-hooks',
    files: ['renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
  },
  ...boundaries,
);
