// Boundaries matter more than style here: the studio runs in the browser and the
// control plane, router, plugins and CLI run on Node, so neither side may import the
// other. Both may import src/shared, which imports neither. On the Node side imports run
// down the house only (cli -> control-plane/router -> plugins -> shared), and no file
// imports itself back through a circle.
import { dirname, relative, resolve } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

/** The floors of the house: a file may import its own floor's folder and those below. */
const FLOORS = { cli: 3, 'control-plane': 2, router: 2, plugins: 1, shared: 0 };
const floorOf = (file) => relative(import.meta.dirname, file).split(/[\\/]/)[1];

const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Node imports run down the house: cli -> control-plane/router -> plugins -> shared' },
    schema: [],
  },
  create(context) {
    const from = floorOf(context.filename);
    if (!(from in FLOORS)) return {};
    const check = (node) => {
      const spec = node.source && typeof node.source.value === 'string' ? node.source.value : null;
      if (!spec || !spec.startsWith('.')) return;
      const to = floorOf(resolve(dirname(context.filename), spec));
      if (to === from || !(to in FLOORS) || FLOORS[to] < FLOORS[from]) return;
      context.report({
        node: node.source,
        message: `src/${from} may not import src/${to}: imports run down the house (cli -> control-plane/router -> plugins -> shared). Move the shared piece down to a floor both may use.`,
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

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
    // Tests may drive the whole house (a control-plane test runs the real CLI against it);
    // shipped code and test helpers may not.
    files: Object.keys(FLOORS).map((f) => `src/${f}/**/*.ts`),
    ignores: ['**/*.test.ts'],
    plugins: { switchyard: { rules: { layers: layersRule } } },
    rules: { 'switchyard/layers': 'error' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these the rule cannot read the TypeScript files it follows, and sees no circle.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.studio.json', 'tsconfig.node.json', 'tsconfig.test.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['scripts/**/*.js', 'bin/**/*.js', 'e2e/**/*.ts', 'bench/**/*.{ts,mjs}', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
);
