// House rules: typescript-eslint's recommended set, floating promises caught
// (a forgotten await loses an update), and core/ kept free of frameworks and I/O
// so the domain reads and tests as plain functions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const FRAMEWORKS_AND_IO = [
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  'restify',
  'restify-*',
  '@microsoft/*',
  '@azure/*',
  '@fluentui/*',
  'react',
  'react-dom',
  'react-dom/*',
  'better-sqlite3',
  'exceljs',
  'docx',
  'fflate',
  'jose',
  'pino',
  'pino-*',
  'fs',
  'fs/*',
  'node:fs',
  'node:fs/*',
  'http',
  'https',
  'node:http',
  'node:https',
  'net',
  'node:net',
  'child_process',
  'node:child_process',
  'os',
  'node:os',
  'path',
  'node:path',
];
const OUTER_LAYERS = ['**/bot/**', '**/store/**', '**/app/**', '**/cli/**', '**/tab/**', '**/manifest/**', '**/infra/**', '**/test/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'test-output/**', '.planpulse/**', 'manifest/build/**', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    // The tab's page: hooks called by the rules of hooks, effects with honest dependencies.
    files: ['tab/web/**/*.tsx', 'tab/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: FRAMEWORKS_AND_IO, message: 'core/ holds the domain: no frameworks and no I/O (put it behind a port).' },
            { group: OUTER_LAYERS, message: 'core/ imports nothing from the outer layers: the arrows run one way.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
