// Boundaries matter more than style here: the studio runs in the browser and the
// control plane, router, plugins and CLI run on Node, so neither side may import the
// other. Both may import src/shared, which imports neither.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeFolders = ['control-plane', 'router', 'plugins', 'cli'];
const forbid = (folders, why) =>
  folders.flatMap((folder) => [
    { group: [`**/${folder}/**`, `**/${folder}`], message: why },
  ]);

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', '.switchyard'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/studio/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbid(
              nodeFolders.filter((f) => f !== 'plugins'),
              'The studio is browser code: import contracts from src/shared instead.',
            ),
            // The studio's own plugins feature shares the Node folder's name.
            {
              regex: '^(?!@/features/plugins/)(.*/)?plugins(/.*)?$',
              message: 'The studio is browser code: import contracts from src/shared instead.',
            },
            { group: ['node:*'], message: 'The studio runs in the browser: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: nodeFolders.map((f) => `src/${f}/**/*.ts`),
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: forbid(['studio'], 'Node code must not import the browser studio; share through src/shared.') },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbid([...nodeFolders, 'studio'], 'src/shared is isomorphic and imports neither side.'),
            { group: ['node:*'], message: 'src/shared is isomorphic: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.js', 'bin/**/*.js', 'e2e/**/*.ts', 'bench/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
);
