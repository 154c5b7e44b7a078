import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'oclif.manifest.json', 'coverage/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {globals: {process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', AbortSignal: 'readonly', AbortController: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly'}},
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      'no-restricted-imports': ['error', {patterns: [{group: ['**/commands/**'], message: 'A command never imports another command; move shared logic to src/lib.'}]}],
    },
  },
  {
    // The cloud SDK has one face: outside src/lib/cloud, import it from cloud/index.js only.
    files: ['**/*.ts'],
    ignores: ['src/lib/cloud/**'],
    rules: {
      'no-restricted-imports': ['error', {patterns: [
        {group: ['**/commands/**'], message: 'A command never imports another command; move shared logic to src/lib.'},
        {group: ['**/cloud/*', '!**/cloud/index.js'], message: 'Import the cloud SDK from cloud/index.js, its one face.'},
      ]}],
    },
  },
)
