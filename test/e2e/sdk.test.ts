// The package as a library: `lcs`, `lcs/sdk` and `lcs/discovery` type-check in a consumer project with
// skipLibCheck off, importing the SDK loads none of the CLI's dependencies, and the example runs against a
// sandbox. Uses the build (dist/).
import assert from 'node:assert/strict'
import {spawn, spawnSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'
import {fileURLToPath} from 'node:url'

import {runJson, sandboxEnv, startSandbox, stopSandbox, tempDir, type SandboxJson} from '../helpers/cli.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const FORBID = fileURLToPath(new URL('../helpers/forbid-cli-deps.mjs', import.meta.url))
const EXAMPLE = join(ROOT, 'examples/orgs-and-users.ts')

function node(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 60_000,
): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code, stderr, stdout})
    })
  })
}

before(() => assert.ok(existsSync(join(ROOT, 'dist/lib/index.js')), 'run `npm run build` first'))

test('importing the SDK (lcs, lcs/sdk) loads none of the CLI dependencies; a command does', async () => {
  for (const spec of ['lcs', 'lcs/sdk']) {
    const r = await node([
      '--import',
      FORBID,
      '--input-type=module',
      '-e',
      `const m = await import('${spec}'); if (typeof m.CloudClient.fromEnv !== 'function') process.exit(3)`,
    ])
    assert.equal(r.code, 0, `${spec}: ${r.stderr}`)
  }
  // the same hook stops a command module: the check can fail
  const cmd = await node(['--import', FORBID, '--input-type=module', '-e', `await import('./dist/commands/orgs/list.js')`])
  assert.notEqual(cmd.code, 0)
  assert.match(cmd.stderr, /CLI dependency @oclif\/core loaded/)
})

test('a consumer project type-checks lcs, lcs/sdk, lcs/discovery and the example with skipLibCheck off', () => {
  const dir = tempDir('lcs-consumer-')
  mkdirSync(join(dir, 'node_modules/@types'), {recursive: true})
  symlinkSync(ROOT, join(dir, 'node_modules/lcs'), 'dir')
  symlinkSync(join(ROOT, 'node_modules/@types/node'), join(dir, 'node_modules/@types/node'), 'dir')
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({dependencies: {lcs: `file:${ROOT}`}, name: 'consumer', private: true, type: 'module'}),
  )
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        noEmit: true,
        skipLibCheck: false,
        strict: true,
        target: 'ES2022',
        types: ['node'],
      },
      include: ['*.ts'],
    }),
  )
  writeFileSync(
    join(dir, 'consumer.ts'),
    `
import {CloudClient, LcsError, type BatchItemResult, type Outcome, type RouteName, type UserItem} from 'lcs'
import {CloudClient as Same} from 'lcs/sdk'
import {discover, parseTarget, type DiscoveredPrinter, type DiscoverOptions} from 'lcs/discovery'

const client: Same = CloudClient.forRegion('eu', {clientId: 'id', clientSecret: 'secret', kind: 'client'}, {maxRetries: 1})
const item: UserItem = {email: 'a@b.c', operation: 'CREATE'}
const results: Promise<BatchItemResult[]> = client.users.apply('org', [item], {dryRun: true, signal: AbortSignal.timeout(1000)})
const one: Promise<Outcome> = client.users.create('org', {email: 'a@b.c'})
const route: RouteName = 'listUsers'
const stored: Promise<CloudClient> = CloudClient.fromLogin({profile: 'default'})
const opts: DiscoverOptions = {signal: AbortSignal.timeout(1000), snmp: {community: 'public'}, targets: ['127.0.0.1']}
const found: Promise<DiscoveredPrinter[]> = discover(opts).then((r) => r.printers)
export {found, LcsError, one, parseTarget, results, route, stored}
`,
  )
  copyFileSync(EXAMPLE, join(dir, 'example.ts'))
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], {encoding: 'utf8', timeout: 120_000})
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr)
  // a wrong type is caught (the check can fail)
  writeFileSync(
    join(dir, 'wrong.ts'),
    `import {CloudClient} from 'lcs'\nexport const n: number = CloudClient.forRegion('us', {accessToken: 't', kind: 'token'}).orgs.list()\n`,
  )
  const bad = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], {encoding: 'utf8', timeout: 120_000})
  assert.notEqual(bad.status, 0)
  assert.match(bad.stdout, /wrong\.ts/)
})

let sb: SandboxJson
test('the example lists the sandbox organizations and their users', async () => {
  sb = await startSandbox()
  const env = sandboxEnv(sb)
  const orgs = await runJson(['orgs', 'list'], env)
  const r = await node(['--import', 'tsx', EXAMPLE], env)
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, new RegExp(`acting for organization ${sb.orgId}`))
  for (const o of orgs.body as Array<{name: string}>) assert.match(r.stdout, new RegExp(`^${o.name} \\[`, 'm'))
  assert.match(r.stdout, /^ {2}\S+@\S+/m, 'users are listed')
  // wrong credentials: the SDK's error, with the CLI's exit code
  const wrong = await node(['--import', 'tsx', EXAMPLE], {...env, LCS_CLIENT_SECRET: 'wrong'})
  assert.equal(wrong.code, 4)
  assert.match(wrong.stderr, /Wrong client ID or client secret/)
})
after(async () => {
  if (sb) await stopSandbox(sb)
})
