import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const COMMANDS = {group: ['**/commands/**'], message: 'A command never imports another command; move shared logic to src/lib.'}

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'oclif.manifest.json', 'coverage/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {globals: {process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', AbortSignal: 'readonly', AbortController: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly'}},
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      'no-restricted-imports': ['error', {patterns: [COMMANDS]}],
    },
  },
  {
    // The sandbox is imported only by itself and its commands. Product code may read the files a running
    // sandbox leaves (sandbox/state.ts: no database, no SNMP). Tests may import all of it: the simulated
    // printers and the in-process cloud are their fixtures and peers.
    files: ['src/**/*.ts'],
    ignores: ['src/lib/sandbox/**', 'src/commands/sandbox/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {patterns: [COMMANDS, {group: ['**/sandbox/**', '!**/sandbox/state.js'], message: 'Only the sandbox and its commands import src/lib/sandbox (outside it, only sandbox/state.js).'}]}],
    },
  },
)
