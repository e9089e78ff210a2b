import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-results', 'playwright-report', 'bench/out'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'localStorage', message: 'Nothing is stored unless the user asks (PRIVACY.md).' },
        { name: 'sessionStorage', message: 'Nothing is stored unless the user asks.' },
      ],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/app/**/*.ts', 'src/components/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The numerical core is plain TypeScript: no React, no DOM, no worker plumbing, no network.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'recharts', 'comlink', 'i18next', 'react-i18next'], message: 'core/ must stay free of UI and worker libraries.' },
            { group: ['**/app/**', '**/components/**', '**/worker/**', '**/i18n/**'], message: 'core/ must not import from the UI or the worker.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'fetch', 'XMLHttpRequest', 'localStorage', 'indexedDB', 'navigator'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded MT19937 in core/random.' }],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-dom', 'recharts', '**/app/**', '**/components/**'], message: 'The worker does not render.' }] }],
    },
  },
);
