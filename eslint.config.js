// @ts-check
/**
 * ESLint flat config: JavaScript and TypeScript recommended rules (typescript-eslint) and the
 * Astro plugin for .astro files. `npm run lint` fails on any warning.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.astro/**', 'test/.tmp/**', 'test/bench/results/**', 'public/pagefind/**', 'content/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are deliberately unused (callback positions, destructuring).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Sanitisers of hostile text (URLs, ticket fields) match control characters on purpose.
      'no-control-regex': 'off',
      // Frontmatter lines in tests are matched with their exact indentation.
      'no-regex-spaces': 'off',
    },
  },
  {
    // Tests build broken input from fixtures: untyped objects are the point there.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/islands/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
