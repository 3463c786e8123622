// ESLint flat configuration (`npm run lint` runs it, then `prettier --check .`; `npm test` runs lint first).
// The recommended sets of ESLint and typescript-eslint, plus what CONVENTIONS.md asks: no `any`,
// `.js` extensions on relative imports, and no promise left floating where a rejection would be lost.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** A relative import whose path does not name its file (`./x` instead of `./x.js`). */
const EXTENSIONLESS_RELATIVE = String.raw`/^\.{1,2}\u002F(?!.*\.(?:js|json|css|svg|png|woff2?)(?:\?.*)?$)/`;

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'bench/data/**',
      'test-results/**',
      '.tmp/**',
      'client/public/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Control characters in patterns are what the sanitisers look for (XML 1.0 forbids them in
      // feeds and exports, the wiki strips them from slugs and text): every such pattern is on purpose.
      'no-control-regex': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      // `_name` marks a parameter or binding kept on purpose (a callback's position, a rest sibling).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
          ignoreRestSiblings: true,
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: `ImportDeclaration[source.value=${EXTENSIONLESS_RELATIVE}]`,
          message: 'Relative imports name their file with its .js extension (ESM, CONVENTIONS.md).',
        },
        {
          selector: `ExportNamedDeclaration[source.value=${EXTENSIONLESS_RELATIVE}]`,
          message:
            'Relative re-exports name their file with its .js extension (ESM, CONVENTIONS.md).',
        },
        {
          selector: `ExportAllDeclaration[source.value=${EXTENSIONLESS_RELATIVE}]`,
          message:
            'Relative re-exports name their file with its .js extension (ESM, CONVENTIONS.md).',
        },
      ],
    },
  },
  // Promises in the client: a rejection nobody handles is an error the user never sees. These two
  // rules need type information, which is slow to build: they run on the client's files only.
  {
    files: ['client/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
);
