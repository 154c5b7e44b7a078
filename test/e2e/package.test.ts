// The published package as a user gets it: `npm pack`, a global install of the tarball into an empty
// prefix, then the installed `lcs` (found on PATH, run by its shebang) against a sandbox it starts itself.
// The tarball is packed from the dist/ that `npm test` just built (--ignore-scripts: prepack's rebuild
// would pull dist/ from under the tests running beside this one). Dependencies come from the npm cache
// the project was installed from (--prefer-offline), else from the registry.
import assert from 'node:assert/strict'
import {readFileSync, rmSync} from 'node:fs'
import {homedir} from 'node:os'
import {delimiter, dirname, join} from 'node:path'
import {after, test} from 'node:test'
import {fileURLToPath} from 'node:url'

import {runProgram, tempDir} from '../helpers/cli.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string
  scripts: Record<string, string>
  bin: Record<string, string>
}
const work = tempDir('lcs-pack-')
after(() => rmSync(work, {force: true, recursive: true}))

// A user's machine: an empty HOME, no LCS_* settings, this test's Node first on PATH.
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LCS_') && !k.startsWith('npm_'))),
  HOME: join(work, 'home'),
  LCS_NO_KEYCHAIN: '1',
  NO_COLOR: '1',
  PATH: [join(work, 'prefix', 'bin'), dirname(process.execPath), process.env.PATH].join(delimiter),
  XDG_CONFIG_HOME: join(work, 'home', '.config'),
  XDG_DATA_HOME: join(work, 'home', '.local', 'share'),
  npm_config_cache: process.env.npm_config_cache ?? join(homedir(), '.npm'),
}

const sh = (cmd: string, args: string[], timeoutMs = 30_000) => runProgram(cmd, args, {cwd: work, env, timeoutMs})

test('the package declares how it is built and run', () => {
  assert.equal(pkg.scripts.prepack, 'npm run build')
  assert.deepEqual(pkg.bin, {lcs: 'bin/run.js'})
})

test('npm pack → global install in an empty prefix → the installed lcs runs a sandbox session', {timeout: 240_000}, async () => {
  const pack = await sh('npm', ['pack', ROOT, '--ignore-scripts', '--json', '--pack-destination', work], 60_000)
  assert.equal(pack.code, 0, pack.stderr)
  const [{filename, files}] = JSON.parse(pack.stdout) as Array<{filename: string; files: Array<{path: string}>}>
  const paths = files.map((f) => f.path)
  for (const p of [
    'bin/run.js',
    'oclif.manifest.json',
    'dist/commands/sandbox/start.js',
    'docs/rollout.schema.json',
    'fixtures/rollout/contoso.yaml',
    'fixtures/rollout/fleet-onboarding.yaml',
    'fixtures/rollout/contoso/users.csv',
    'fixtures/import/users.csv',
  ]) {
    assert.ok(paths.includes(p), `${p} is in the tarball`)
  }
  assert.ok(!paths.includes('bin/dev.js'), 'bin/dev.js needs the sources and tsx: not shipped')
  assert.ok(!paths.some((p) => p.endsWith('.test.js') || p.startsWith('src/') || p.startsWith('test/')))

  const install = await sh(
    'npm',
    ['install', '-g', '--prefix', join(work, 'prefix'), '--prefer-offline', '--no-audit', '--no-fund', join(work, filename)],
    180_000,
  )
  assert.equal(install.code, 0, install.stderr)

  const version = await sh('lcs', ['--version'])
  assert.equal(version.code, 0, version.stderr)
  assert.match(version.stdout, new RegExp(`^lcs/${pkg.version.replaceAll('.', '\\.')} `))

  const data = join(work, 'sandbox')
  const start = await sh('lcs', ['sandbox', 'start', '--detach', '--data', data, '--port', '0', '--json'])
  assert.equal(start.code, 0, start.stderr)
  try {
    const login = await sh('lcs', ['login', '--sandbox', '--sandbox-data', data, '--json'])
    assert.equal(login.code, 0, login.stderr)
    const orgs = await sh('lcs', ['orgs', 'list', '--json'])
    assert.equal(orgs.code, 0, orgs.stderr)
    assert.ok(
      (JSON.parse(orgs.stdout) as Array<{name: string}>).some((o) => o.name === 'Northwind Partners'),
      orgs.stdout,
    )
  } finally {
    const stop = await sh('lcs', ['sandbox', 'stop', '--data', data])
    assert.equal(stop.code, 0, stop.stderr)
  }
})
