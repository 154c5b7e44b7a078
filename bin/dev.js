#!/usr/bin/env -S node --import tsx
// Runs the TypeScript sources directly, without a build: tsx (loaded by the shebang) compiles them, and
// oclif is pointed at src/commands instead of dist/commands.
import {execute} from '@oclif/core'
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
pjson.oclif.commands = './src/commands'
await execute({development: true, dir: import.meta.url, loadOptions: {ignoreManifest: true, pjson, root}})
