import js from '@eslint/js'
import {existsSync, statSync} from 'node:fs'
import {dirname, relative, resolve, sep} from 'node:path'
import tseslint from 'typescript-eslint'

const COMMANDS = {group: ['**/commands/**'], message: 'A command never imports another command; move shared logic to src/lib.'}
const LIB = resolve(import.meta.dirname, 'src/lib')
/** The area (folder under src/lib) a file belongs to, if any. */
const areaOf = (file) => {
  const parts = relative(LIB, file).split(sep)
  return parts[0] !== '..' && parts.length > 1 ? parts[0] : undefined
}

// One face per area: from outside src/lib/<area>/, only its index.ts is imported. Generic over area
// folders; an area without an index.ts is not checked. The sandbox has a second, light face, state.ts (the
// files a running sandbox leaves; no database, no SNMP), for `lcs login --sandbox` and `lcs sandbox status`.
const EXTRA_FACES = {sandbox: ['state.js']}
const oneFace = {
  meta: {type: 'problem', messages: {face: 'Import {{area}} through its face, src/lib/{{area}}/index.ts (not {{module}}).'}, schema: []},
  create(context) {
    const mine = areaOf(context.filename)
    const check = (node) => {
      const spec = node.source?.value
      if (typeof spec !== 'string' || !spec.startsWith('.')) return
      const target = resolve(dirname(context.filename), spec)
      const area = areaOf(target)
      if (!area || area === mine || !existsSync(resolve(LIB, area, 'index.ts'))) return
      const module = relative(resolve(LIB, area), target)
      if (!statSync(resolve(LIB, area)).isDirectory() || module === 'index.js' || EXTRA_FACES[area]?.includes(module)) return
      context.report({data: {area, module}, messageId: 'face', node: node.source})
    }
    return {ExportAllDeclaration: check, ExportNamedDeclaration: check, ImportDeclaration: check, ImportExpression: check}
  },
}

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'oclif.manifest.json', 'coverage/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        AbortSignal: 'readonly',
        AbortController: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
      },
    },
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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            COMMANDS,
            {
              group: ['**/sandbox/**', '!**/sandbox/state.js'],
              message: 'Only the sandbox and its commands import src/lib/sandbox (outside it, only sandbox/state.js).',
            },
          ],
        },
      ],
    },
  },
  {
    // tests may reach into what they test
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    plugins: {lcs: {rules: {'one-face': oneFace}}},
    rules: {'lcs/one-face': 'error'},
  },
  {
    // in-process command tests run commands as the binary would (test/helpers/inprocess.ts)
    files: ['test/inprocess/**/*.ts'],
    rules: {'no-restricted-imports': 'off'},
  },
)
