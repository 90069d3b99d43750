// typescript-eslint with type information: no floating promises, type-only imports, no `any`.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Layering, checked rather than remembered: each layer imports only what sits below it.
//   core (electron/core/)        → the core, shared/, packages; never `electron`
//   CLI, web host                → their own folder, the core, shared/; never the Electron glue
//   renderer                     → the renderer, shared/; a feature never reaches into another
//                                  feature (shared pieces live in renderer/ui/ or renderer/state/)
//   shared/                      → shared/ only
// Tests (*.test.ts) are outside the zones: they may reach test/ and whatever they test. Test kits
// live in test/support/, never beside the code.
// no-restricted-imports matches the import text, not the resolved file, so each zone is written
// once per folder depth: from a file k folders below a zone's root, k+1 `../` leave the zone.
const MAX_DEPTH = 5;
const SOURCE = '*.{ts,tsx}';
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const up = (n) => `(?:\\.\\./){${n}}`;

/**
 * One config block per depth below `root`: an import that leaves `root` must land in one of
 * `allowed` (folders relative to the repository). `under` narrows the files to a subfolder of
 * `root`; `extra(k)` adds patterns for files k folders below `root`.
 */
function zone({ root, under = root, allowed, message, ignores = [], packages = [], extra = () => [] }) {
  const exits = allowed.map((target) => escape(path.posix.relative(root, target).replace(/^\.\.\//, '')));
  const stay = exits.length > 0 ? `(?!(?:${exits.join('|')})(?:/|$))` : '';
  const offset = path.posix.relative(root, under).split('/').filter(Boolean).length;
  return Array.from({ length: MAX_DEPTH + 1 - offset }, (_, i) => i + offset).map((k) => ({
    files: [`${under}/${'*/'.repeat(k - offset)}${SOURCE}`],
    ignores: ['**/*.test.ts', '**/*.test.tsx', ...ignores],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: packages.map((name) => ({ name, message })),
          patterns: [{ regex: `^${up(k + 1)}${stay}`, message }, ...extra(k)],
        },
      ],
    },
  }));
}

export const layering = [
  ...zone({
    root: 'electron/core',
    allowed: ['shared'],
    packages: ['electron'],
    message:
      'The core imports only the core, shared/ and packages: not electron, the Electron glue, the CLI, the web host, the renderer or test/ (test kits live in test/support/).',
  }),
  ...zone({
    root: 'electron/web-host',
    allowed: ['electron/core', 'shared'],
    packages: ['electron'],
    message: 'The web host takes what it needs from the core and shared/, never from the Electron glue.',
  }),
  ...zone({
    root: 'electron/cli',
    allowed: ['electron/core', 'shared'],
    packages: ['electron'],
    message: 'The CLI takes what it needs from the core and shared/, never from the Electron glue.',
  }),
  {
    files: ['electron/cli.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The CLI runs under plain Node.' }],
          patterns: [
            {
              regex: '^(?:\\./(?!(?:cli|core)(?:/|$))|\\.\\./(?!shared(?:/|$)))',
              message: 'The CLI takes what it needs from the core and shared/, never from the Electron glue.',
            },
          ],
        },
      ],
    },
  },
  ...zone({
    root: 'renderer',
    allowed: ['shared'],
    ignores: ['renderer/features/**'],
    packages: ['electron'],
    message: 'The renderer imports only the renderer, shared/ and browser packages.',
    // renderer/ui, state and platform sit below the features (only App.tsx and main.tsx, at the
    // top, put features together).
    extra: (k) =>
      k < 1
        ? []
        : [
            {
              regex: `^${up(k)}features(?:/|$)`,
              message:
                'renderer/ui, renderer/state and renderer/platform sit below the features and do not import them.',
            },
          ],
  }),
  ...zone({
    root: 'renderer',
    under: 'renderer/features',
    allowed: ['shared'],
    packages: ['electron'],
    message: 'The renderer imports only the renderer, shared/ and browser packages.',
    // From renderer/features/<feature>/ plus j folders (k = j + 2), j + 1 `../` followed by a
    // name is another feature.
    extra: (k) =>
      k < 2
        ? []
        : [
            {
              regex: `^${up(k - 1)}(?!\\.\\./)`,
              message:
                'A feature does not import another feature: move what both use to renderer/ui/ (components, formatting) or renderer/state/ (actions).',
            },
          ],
  }),
  ...zone({
    root: 'shared',
    allowed: [],
    packages: ['electron'],
    message: 'shared/ is imported by every layer and imports only shared/ and packages.',
  }),
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'artifacts/**',
      'bin/**',
      'scripts/**',
      '*.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // zustand actions are plain functions on the store; selecting one is the idiom.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  ...layering,
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
