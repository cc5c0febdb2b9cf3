// The linter, and the one place where the layers of the code are written down (as VS Code's
// `code-layering` rule keeps its own): `archive/` sees no Electron, DOM, React or `window`;
// inside it each folder imports only from the tiers below its own; the renderer sees only
// the contract's types; Electron's main process only the contract, the host and `web/`.

import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** The part of core/ every layer may use: the data model and the file primitives. */
const CORE_MODEL = [
  'model',
  'item-kinds',
  'limits',
  'same-tag',
  'fields',
  'ids',
  'errors',
  'atomic-file',
  'worker-entry',
];

/**
 * archive/'s tiers, lowest first. A folder may import from its own folder and from lower
 * tiers only; folders that share a tier do not know each other. `core` stands for core's
 * services (everything that takes an Archive); core's model sits below every tier.
 */
const TIERS = [
  ['web', 'interop', 'search'], // serving the renderer; file formats; the search engine
  ['core'], // the archive and its services
  // what runs across the archive and the file formats (importing files, web pages and
  // bundles, exporting notes); what a new archive holds; keeping archives in step
  ['flows', 'seed', 'sync'],
  ['api'], // the contract, dispatch() and opening an archive the way hosts do
  ['clipper'], // the browser extension's listener
  ['host'], // the archive host process and its socket
  ['server', 'mcp'], // `dossier serve`'s loopback host; the MCP host
  ['cli'], // the `dossier` command, which starts every host
];

/** A relative import into one of `folders` (at any depth of `../`). */
const into = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;
/** A relative import into core/ that is not core's model. */
const CORE_SERVICES = `^(\\.\\./)+core/(?!(${CORE_MODEL.join('|')})$)`;

/** Nothing in archive/ may reach these: it must build and test in plain Node. */
const UI_IMPORTS = [
  {
    regex: '^(electron|react|react-dom|@tanstack/react-virtual)(/|$)',
    message: 'archive/ knows nothing of Electron, React or the DOM.',
  },
  { regex: '(^|/)(renderer|electron)/', message: 'archive/ knows nothing of the renderer or the Electron shell.' },
];
const UI_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'location'].map((name) => ({
  name,
  message: 'archive/ runs in plain Node: no DOM or browser globals.',
}));

/** One object for each rule, because a later config object replaces a rule's options whole. */
function reach(
  files,
  forbidden,
  { ignores = [], message = 'this import runs against the layers (eslint.config.js)' } = {},
) {
  const patterns = forbidden.map((regex) => ({ regex, message }));
  return {
    files,
    ignores,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...UI_IMPORTS, ...patterns] }],
      // import() is not an ImportDeclaration: the same regexes, for dynamic imports.
      'no-restricted-syntax': [
        'error',
        ...[...UI_IMPORTS, ...patterns].map((p) => ({
          selector: `ImportExpression[source.value=/${p.regex.replaceAll('/', '\\/')}/]`,
          message: p.message,
        })),
      ],
    },
  };
}

const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/test-*.ts'];

function archiveLayers() {
  const configs = [];
  TIERS.forEach((tier, level) => {
    // Below core, core's services are off limits (CORE_SERVICES) but its model is not.
    const above = TIERS.slice(level + 1)
      .flat()
      .filter((f) => level > 0 || f !== 'core');
    for (const folder of tier) {
      const siblings = tier.filter((f) => f !== folder);
      const forbidden = [above, siblings].filter((l) => l.length).map(into);
      if (level === 0) forbidden.push(CORE_SERVICES);
      const files = [`archive/${folder}/**/*.ts`];
      const ignores = [...TESTS, ...(folder === 'core' ? CORE_MODEL.map((f) => `archive/core/${f}.ts`) : [])];
      configs.push(
        reach(files, forbidden, {
          ignores,
          message: `archive/${folder}/ may not import this: the layers (eslint.config.js TIERS) put it above or beside ${folder}/.`,
        }),
      );
    }
  });
  // core's model imports only core's model.
  configs.push(
    reach(
      CORE_MODEL.map((f) => `archive/core/${f}.ts`),
      ['^\\.\\./', `^\\./(?!(${CORE_MODEL.join('|')})$)`],
      {
        message:
          "core's model (model, item-kinds, limits, same-tag, fields, ids, errors, atomic-file, worker-entry) imports only itself.",
      },
    ),
  );
  // Tests and their support files assemble an archive the way hosts do, but stay in plain Node.
  configs.push(
    reach(
      TESTS.map((t) => `archive/${t}`),
      [],
    ),
  );
  return configs;
}

export default defineConfig(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'coverage/', 'test-results/', 'bench/.work/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // A disable comment that no longer silences anything is an error, so none goes stale.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a parameter or binding kept on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // File names, snippets and sniffed bytes are checked for control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests and test doubles poke at loosely typed things (SDK replies, a fake Electron).
    files: [...TESTS, 'electron/main/fake-electron.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'extension/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },

  // archive/: plain Node, and its layers.
  { files: ['archive/**/*.ts'], rules: { 'no-restricted-globals': ['error', ...UI_GLOBALS] } },
  ...archiveLayers(),

  // The renderer talks only through the contract: types from archive/api, and at run time
  // only the rules it must apply exactly as the archive does (archive/api/rules: limits,
  // tag identity, Markdown) and the host events' names.
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(electron|node:.*|fs|path|child_process)$',
              message: 'The renderer runs in a page: no Electron or Node modules.',
            },
            { regex: '(^|/)archive/(?!api/)', message: 'The renderer talks only to the contract (archive/api).' },
            {
              regex: '(^|/)archive/api/(?!(rules|host-events)$)',
              allowTypeImports: true,
              message: 'The renderer takes only types from archive/api (import type), and archive/api/rules.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/(^|\\/)archive\\//]',
          message: 'The renderer takes only types from archive/api (import type).',
        },
      ],
    },
  },
  // The preload exposes the contract's method names through contextBridge, and holds no logic.
  {
    files: ['electron/preload/**/*.ts'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)archive/(?!api/(methods|contract|host-events)$)',
              message: 'The preload takes only the contract’s method names and host events.',
            },
            {
              regex: '(^|/)archive/api/contract$',
              allowTypeImports: true,
              message: 'The preload takes only types from the contract.',
            },
            { regex: '^(react|react-dom)(/|$)', message: 'The preload holds no UI.' },
          ],
        },
      ],
    },
  },
  // Electron's main process keeps windows and menus: it reaches the archive through the
  // contract and the host process, and serves the renderer with web/'s security.
  {
    files: ['electron/main/**/*.ts'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `(^|/)archive/(?!(api|host|web)/|core/(${CORE_MODEL.join('|')})$)`,
              message: 'Electron’s main reaches the archive only through archive/api, archive/host and archive/web.',
            },
            { regex: '^(react|react-dom)(/|$)', message: 'The main process holds no React.' },
          ],
        },
      ],
    },
  },
  prettier,
);
