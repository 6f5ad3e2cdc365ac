// @ts-check
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** One lint for the whole repository, run by `npm test` with no warnings allowed. */
export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'cdk.out/', 'node_modules/', 'test-results/', 'tests/.tmp/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Non-null assertions state what the code already knows (an index found a moment ago).
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The CloudFront Function is plain cloudfront-js-2.0: `handler` is its entry point, called by
    // CloudFront, and `catch (e)` keeps its binding (the runtime's older syntax).
    files: ['infra/functions/**/*.js'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^handler$', caughtErrors: 'none' }] },
  },
);
