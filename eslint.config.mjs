// Lint rules, including the layer boundaries of the house style: only src/engine/backend imports
// tfjs, only src/extension imports vscode, the webview sees only the protocol, and layers point one way.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noImport = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test/e2e/screenshots/**', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    ignores: ['src/engine/backend/**', 'src/extension/**'],
    rules: noImport(['@tensorflow/*', 'vscode'], 'Only src/engine/backend imports tfjs; only src/extension imports vscode.'),
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: noImport(['@tensorflow/*'], 'Only src/engine/backend imports tfjs.'),
  },
  {
    files: ['src/engine/backend/**/*.ts'],
    rules: noImport(['vscode'], 'Only src/extension imports vscode.'),
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/backend/**'],
    rules: noImport(
      ['@tensorflow/*', 'vscode', '**/python/**', '**/inspect/**', '**/cli/**', '**/extension/**', '**/worker/**'],
      'The engine depends on nothing above it (engine <- python <- inspect <- cli | extension).',
    ),
  },
  {
    files: ['src/python/**/*.ts'],
    rules: noImport(['@tensorflow/*', 'vscode', '**/inspect/**', '**/cli/**', '**/extension/**', '**/worker/**', '**/engine/*/**'],
      'python imports the engine through src/engine/index.ts only, and nothing above it.'),
  },
  {
    files: ['webview/**/*.ts'],
    rules: noImport(['@tensorflow/*', 'vscode', '**/engine/**', '**/python/**', '**/inspect/**', '**/extension/**'],
      'The webview imports src/protocol only.'),
  },
);
